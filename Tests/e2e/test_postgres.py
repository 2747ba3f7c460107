"""Issue 11: `DISCOGS_MCP_DATABASE=postgres://…` serves on PostgreSQL end to end.

A sandbox-OAuth server on a fresh database of the throw-away cluster, driven by the official SDK:
OAuth sign-in, tools/list, a tool call and collection searches that cost no upstream request.
Everything it keeps is in PostgreSQL (no SQLite file appears), so a restarted server still honours
the grant, and `/readyz` names the engine and reports the migrations applied.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.auth import AuthorizationCodeResult, OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import OAuthClientMetadata

from conftest import ServerProcess, _serve, oauth_env
from oauth_helper import REDIRECT_URI, play_browser
from pg_support import fresh_database, psql
from sdk_storage import MemoryTokenStorage
from tools_harness import metric_total

pytestmark = pytest.mark.anyio
REQUESTS = "discogs_mcp_discogs_requests_total"


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    yield from fresh_database()


@pytest.fixture(scope="module")
def pg_server(e2e_tmp: Path, pg_url: str) -> Iterator[ServerProcess]:
    # The flag comes after the fixture's own `--database <file>`: the last one wins.
    yield from _serve("postgres-oauth", e2e_tmp, args=["--database", pg_url], env=oauth_env())


def provider(server_url: str, store: MemoryTokenStorage) -> OAuthClientProvider:
    """The SDK's OAuth client, with the person approving the consent page as shown."""
    pending: dict[str, AuthorizationCodeResult] = {}

    async def redirect_handler(url: str) -> None:
        query = await anyio.to_thread.run_sync(lambda: play_browser(url))
        assert "error" not in query, query
        pending["r"] = AuthorizationCodeResult(code=query["code"][0], state=query["state"][0], iss=query.get("iss", [None])[0])

    async def callback_handler() -> AuthorizationCodeResult:
        return pending.pop("r")

    return OAuthClientProvider(
        server_url=server_url,
        client_metadata=OAuthClientMetadata(client_name="e2e-postgres", redirect_uris=[REDIRECT_URI], token_endpoint_auth_method="none"),
        storage=store, redirect_handler=redirect_handler, callback_handler=callback_handler,
    )


def text_of(result: Any) -> str:
    return " ".join(getattr(c, "text", "") for c in result.content)


async def test_sdk_signs_in_lists_calls_and_searches_on_postgres(pg_server: ServerProcess, pg_url: str) -> None:
    ready = httpx2.get(f"{pg_server.url}/readyz", timeout=10).json()
    assert ready["status"] == "ready", ready
    assert ready["checks"]["engine"] == "postgresql" and ready["checks"]["migrations"] == "ok", ready

    store = MemoryTokenStorage()
    async with httpx2.AsyncClient(auth=provider(pg_server.mcp_url, store), timeout=httpx2.Timeout(30, read=120)) as http:
        async with Client(streamable_http_client(pg_server.mcp_url, http_client=http), mode="legacy") as c:
            tools = {t.name for t in (await c.list_tools()).tools}
            assert {"search_collection", "auth_status", "create_folder"} <= tools, sorted(tools)
            status = await c.call_tool("auth_status", {})
            assert not status.is_error and "sandbox" in text_of(status).lower(), text_of(status)
            first = await c.call_tool("search_collection", {"query": "a"})
            assert not first.is_error, text_of(first)
            before = metric_total(pg_server.url, REQUESTS)
            for query in ({"query": "love"}, {"query": "blue night"}, {"genre": "Jazz"}, {"format": "Vinyl", "page": 2}, {"decade": 1970}):
                result = await c.call_tool("search_collection", query)
                assert not result.is_error, (query, text_of(result))
            assert metric_total(pg_server.url, REQUESTS) == before, "search_collection called Discogs once synced"
            found = await c.call_tool("search_database", {"query": "blue"})  # a cached upstream read
            assert not found.is_error, text_of(found)

    # Everything the server knows is in PostgreSQL; the file the fixture named was never created.
    assert not any(pg_server.workdir.glob("*.sqlite")), list(pg_server.workdir.iterdir())
    counts = psql(pg_url, """
        SELECT (SELECT count(*) FROM collection_index_item), (SELECT count(*) FROM oauth_access_token),
               (SELECT count(*) FROM oauth_upstream_credential), (SELECT count(*) FROM mcp_session),
               (SELECT count(*) FROM log_event), (SELECT count(*) FROM discogs_response_cache)""")[0]
    items, tokens, credentials, sessions, logs, cache = map(int, counts)
    assert items >= 40 and tokens >= 1 and credentials == 1 and sessions >= 1 and logs >= 1 and cache >= 1, counts
    assert psql(pg_url, "SELECT count(*) FROM collection_index_item WHERE search @@ 'blue:*'::tsquery")[0][0] != "0"

    metrics = httpx2.get(f"{pg_server.url}/metrics", timeout=10).text
    pool = {line.split(" ")[0]: float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines() if line.startswith("discogs_mcp_postgres_pool")}
    assert pool['discogs_mcp_postgres_pool_max_connections'] == 20, pool
    assert 1 <= pool["discogs_mcp_postgres_pool_connections"] <= 20, pool
    assert 0 < pool["discogs_mcp_postgres_pool_wait_seconds"] < 5, pool

    # A restarted server on the same database honours the same grant, with no new sign-in.
    pg_server.stop()
    pg_server.fixed_port = pg_server.port
    pg_server.start()
    async with httpx2.AsyncClient(auth=provider(pg_server.mcp_url, store), timeout=httpx2.Timeout(30, read=120)) as http:
        async with Client(streamable_http_client(pg_server.mcp_url, http_client=http), mode="legacy") as c:
            again = await c.call_tool("search_collection", {"query": "blue"})
            assert not again.is_error, text_of(again)


def test_malformed_postgres_url_is_a_clear_configuration_error(e2e_tmp: Path) -> None:
    import subprocess

    from conftest import server_binary

    env = oauth_env({"DISCOGS_MCP_DATABASE": "postgres://user:s3cr3tpw@db.example:notaport/discogs"})
    run = subprocess.run([str(server_binary()), "serve", "--port", "18080"], env=env, cwd=e2e_tmp, capture_output=True, timeout=60)
    assert run.returncode == 78, run
    err = run.stderr.decode()
    assert "DISCOGS_MCP_DATABASE" in err and "s3cr3tpw" not in err, err

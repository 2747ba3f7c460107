"""Issue 9: people get the permissions they approve, and self-hosters decide who may sign in.

The official SDK's `OAuthClientProvider` with no scope configured follows the server's 401
challenge (which now asks for `read write marketplace`); the consent page lets the person untick
scopes; step-up widens a narrow grant; an allow-list refuses other Discogs accounts; an access key
lets single-user HTTP bind beyond loopback; numbers sent as strings are accepted when clean.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
from pathlib import Path
from typing import Any, Iterator

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.auth import AuthorizationCodeResult, OAuthClientProvider
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import OAuthClientMetadata, OAuthToken

from conftest import ServerProcess, free_port, oauth_env, server_binary, server_env
from sdk_storage import MemoryTokenStorage
from oauth_helper import REDIRECT_URI, BrowserStop, authorize_url, obtain_tokens, pkce_pair, play_browser, register

pytestmark = pytest.mark.anyio

# The catalog as issue 9 counts it: every tool, the read-only grant's, and read + write.
ALL_TOOLS, READ_TOOLS, READ_WRITE_TOOLS = 51, 30, 40
ACCESS_KEY = "e2e-access-key-0123456789abcdefghijklmnop"


class Browser:
    """The person at the consent page: each authorization takes the next set of choices."""

    def __init__(self, *rounds: dict[str, Any]) -> None:
        self.rounds = list(rounds)
        self.urls: list[str] = []
        self.pending: dict[str, AuthorizationCodeResult] = {}

    def provider(self, server_url: str, store: MemoryTokenStorage | None = None) -> OAuthClientProvider:
        async def redirect_handler(url: str) -> None:
            self.urls.append(url)
            choices = self.rounds.pop(0) if self.rounds else {}
            query = await anyio.to_thread.run_sync(lambda: play_browser(url, **choices))
            assert "error" not in query, query
            self.pending["r"] = AuthorizationCodeResult(code=query["code"][0], state=query["state"][0], iss=query.get("iss", [None])[0])

        async def callback_handler() -> AuthorizationCodeResult:
            return self.pending.pop("r")

        return OAuthClientProvider(
            server_url=server_url,
            client_metadata=OAuthClientMetadata(client_name="e2e-perms", redirect_uris=[REDIRECT_URI], token_endpoint_auth_method="none"),
            storage=store or MemoryTokenStorage(), redirect_handler=redirect_handler, callback_handler=callback_handler,
        )


def requested_scope(url: str) -> str:
    m = re.search(r"[?&]scope=([^&]*)", url)
    return httpx2.URL("http://x/?scope=" + m.group(1)).params["scope"] if m else ""


def text_of(result: Any) -> str:
    return " ".join(getattr(c, "text", "") for c in result.content)


# --- 1. The challenge asks for everything; the default page grants it ------------------------------


async def test_sdk_follows_the_challenge_to_every_tool_over_mcp(oauth_server: ServerProcess) -> None:
    browser = Browser()
    auth = browser.provider(oauth_server.mcp_url)
    async with httpx2.AsyncClient(auth=auth, timeout=httpx2.Timeout(30, read=120)) as http:
        for mode in ("auto", "legacy"):
            async with Client(streamable_http_client(oauth_server.mcp_url, http_client=http), mode=mode, cache=None) as c:
                tools = {t.name for t in (await c.list_tools()).tools}
                assert len(tools) == ALL_TOOLS, (mode, len(tools), sorted(tools))
                made = await c.call_tool("create_folder", {"name": f"e2e perms {mode}"})
                assert not made.is_error, (mode, made)
    assert len(browser.urls) == 1 and requested_scope(browser.urls[0]) == "read write marketplace", browser.urls
    assert auth.context.current_tokens is not None and auth.context.current_tokens.scope == "read write marketplace"


async def test_sdk_follows_the_challenge_to_every_tool_over_sse(oauth_server: ServerProcess) -> None:
    """`/sse` without a bearer is an anonymous session, so the provider starts with a stale token:
    the 401 it earns carries the challenge, and the SDK follows it like on `/mcp`."""
    browser = Browser()
    store = MemoryTokenStorage()
    store.tokens = OAuthToken(access_token="at_stale", token_type="Bearer")
    auth = browser.provider(f"{oauth_server.url}/sse", store)
    async with Client(sse_client(f"{oauth_server.url}/sse", auth=auth), mode="legacy") as c:
        tools = {t.name for t in (await c.list_tools()).tools}
        assert len(tools) == ALL_TOOLS, (len(tools), sorted(tools))
        made = await c.call_tool("create_folder", {"name": "e2e perms sse"})
        assert not made.is_error, made
    assert requested_scope(browser.urls[0]) == "read write marketplace", browser.urls


# --- 2. Least privilege on the page, then step-up ----------------------------------------------------


async def test_unticked_scopes_then_step_up_with_list_changed(oauth_server: ServerProcess) -> None:
    # Step-up asks again for the union of everything requested so far (SEP-2350), so the page offers
    # all three again; the person ticks write and leaves marketplace off.
    browser = Browser({"untick": {"scope_write", "scope_marketplace"}}, {"tick": {"scope_write"}, "untick": {"scope_marketplace"}})
    auth = browser.provider(oauth_server.mcp_url)
    events: list[str] = []
    changed = anyio.Event()
    statuses: list[int] = []

    async def on_message(message: Any) -> None:
        if "list_changed" in repr(message) or "ListChanged" in type(getattr(message, "root", message)).__name__:
            events.append("list_changed")
            changed.set()

    async def on_response(response: httpx2.Response) -> None:
        if response.request.method == "POST" and response.request.url.path == "/mcp":
            statuses.append(response.status_code)
            if response.status_code == 403:
                events.append("403 " + response.headers.get("www-authenticate", ""))

    async with httpx2.AsyncClient(auth=auth, timeout=httpx2.Timeout(30, read=120), event_hooks={"response": [on_response]}) as http:
        async with Client(streamable_http_client(oauth_server.mcp_url, http_client=http), mode="legacy", message_handler=on_message, cache=None) as c:
            assert auth.context.current_tokens is not None and auth.context.current_tokens.scope == "read"
            tools = {t.name for t in (await c.list_tools()).tools}
            assert len(tools) == READ_TOOLS and "create_folder" not in tools, sorted(tools)
            # The model calls a write tool anyway: 403 insufficient_scope, the SDK steps up, the retry succeeds.
            made = await c.call_tool("create_folder", {"name": "e2e step-up"})
            assert not made.is_error, made
            with anyio.fail_after(10):
                await changed.wait()
            tools = {t.name for t in (await c.list_tools()).tools}
            assert len(tools) == READ_WRITE_TOOLS and "create_folder" in tools, sorted(tools)
    assert any(e.startswith("403 ") and 'error="insufficient_scope"' in e and 'scope="read write"' in e for e in events), events
    assert events.index(next(e for e in events if e.startswith("403 "))) < events.index("list_changed"), events
    assert [requested_scope(u) for u in browser.urls] == ["read write marketplace", "read write marketplace"], browser.urls
    assert auth.context.current_tokens.scope == "read write"


def test_reconnecting_shows_the_page_again_and_may_narrow(oauth_server: ServerProcess) -> None:
    base = oauth_server.url
    client = register(base)
    scopes = []
    for choices in ({}, {"untick": {"scope_marketplace"}}, {"untick": {"scope_write", "scope_marketplace"}}):
        verifier, challenge = pkce_pair()
        pages: list[str] = []
        query = play_browser(authorize_url(base, client["client_id"], challenge, scope=None, resource=base + "/mcp"), pages=pages, **choices)
        assert pages and "scope_write" in pages[0], "the consent page is shown on every connection"
        r = httpx2.post(f"{base}/token", data={"grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": REDIRECT_URI,
                                               "client_id": client["client_id"], "code_verifier": verifier, "resource": base + "/mcp"}, timeout=30)
        assert r.status_code == 200, r.text
        scopes.append(r.json()["scope"])
    assert scopes == ["read write marketplace", "read write", "read"]


# --- 3. Who may sign in ---------------------------------------------------------------------------


@pytest.fixture()
def private_server(tmp_path: Path) -> Iterator[ServerProcess]:
    srv = ServerProcess(name="private", args=[], env=oauth_env({"DISCOGS_MCP_ALLOWED_USERS": "Crate_Digger"}), workdir=tmp_path)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def rows(srv: ServerProcess, sql: str) -> list[tuple[Any, ...]]:
    database = next(srv.workdir.glob(f"{srv.name}-*.sqlite"))
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return db.execute(sql).fetchall()


def test_allow_list_refuses_other_accounts(private_server: ServerProcess) -> None:
    base = private_server.url
    client = register(base)
    _, challenge = pkce_pair()
    url = authorize_url(base, client["client_id"], challenge, scope=None, resource=base + "/mcp", state="s-private")
    with pytest.raises(BrowserStop) as stop:
        play_browser(url)  # the sandbox's default account, sandbox_collector, is not on the list
    assert stop.value.status == 403 and "This server is private" in stop.value.text and "operator" in stop.value.text, stop.value.text
    back = re.search(r'href="([^"]+)"', stop.value.text)
    assert back, stop.value.text
    query = httpx2.URL(back.group(1).replace("&amp;", "&")).params
    assert query["error"] == "access_denied" and query["state"] == "s-private" and "code" not in query, query
    # Nothing of the refused account remains: no code, no token, no stored Discogs credential.
    assert rows(private_server, "SELECT count(*) FROM oauth_authorization_code")[0][0] == 0
    assert rows(private_server, "SELECT count(*) FROM oauth_access_token")[0][0] == 0
    assert rows(private_server, "SELECT count(*) FROM oauth_refresh_token")[0][0] == 0
    assert rows(private_server, "SELECT count(*) FROM oauth_upstream_credential")[0][0] == 0
    log = private_server.stderr()
    assert "DISCOGS_MCP_ALLOWED_USERS" in log and "sandbox_collector" in log, log[-2000:]

    # The permitted account (listed in another case) signs in.
    tokens = obtain_tokens(base, discogs_username="crate_digger")
    assert tokens["scope"] == "read write marketplace"
    assert rows(private_server, "SELECT username FROM oauth_upstream_credential") == [("crate_digger",)]
    assert rows(private_server, "SELECT DISTINCT subject FROM oauth_access_token") == [("discogs:7000002",)]
    metrics = httpx2.get(f"{base}/metrics", timeout=10).text
    assert re.search(r'^discogs_mcp_oauth_failures_total\{reason="user_not_allowed"\} 1(\.0)?$', metrics, re.M), metrics[-3000:]


# --- 4. Single-user HTTP beyond loopback ------------------------------------------------------------


@pytest.fixture()
def keyed_server(tmp_path: Path) -> Iterator[ServerProcess]:
    srv = ServerProcess(name="keyed", args=[], env=server_env({"DISCOGS_MCP_ACCESS_KEY": ACCESS_KEY}), workdir=tmp_path, bind_host="0.0.0.0")
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


async def test_access_key_guards_a_public_bind(keyed_server: ServerProcess) -> None:
    url = keyed_server.mcp_url
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "x", "version": "1"}}}
    accept = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    async with httpx2.AsyncClient(timeout=10) as http:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {ACCESS_KEY[:-1]}"}):
            r = await http.post(url, headers={**accept, **headers}, json=init)
            assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer"), (headers, r.status_code, r.text)
        sse = await http.get(f"{keyed_server.url}/sse", headers={"Accept": "text/event-stream"})
        assert sse.status_code == 401
    async with httpx2.AsyncClient(headers={"Authorization": f"Bearer {ACCESS_KEY}"}, timeout=httpx2.Timeout(30, read=120)) as http:
        async with Client(streamable_http_client(url, http_client=http), mode="legacy") as c:
            assert len((await c.list_tools()).tools) == ALL_TOOLS
            status = await c.call_tool("auth_status", {})
            assert status.structured_content["method"] == "personal-token", status


def run_serve(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(server_binary()), "serve", "--host", "0.0.0.0", "--port", str(free_port()), "--database", str(tmp_path / "db.sqlite")],
                          env=env, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)


def test_public_bind_without_the_key_refuses_to_start(tmp_path: Path) -> None:
    done = run_serve(tmp_path, server_env())
    lines = [line for line in done.stderr.decode().splitlines() if line.strip()]
    assert done.returncode == 78, done.stderr.decode()
    assert len(lines) == 1, lines
    assert "DISCOGS_MCP_ACCESS_KEY" in lines[0] and "127.0.0.1" in lines[0], lines[0]
    short = run_serve(tmp_path, server_env({"DISCOGS_MCP_ACCESS_KEY": "too-short"}))
    assert short.returncode == 78 and b"at least 32 characters" in short.stderr, short.stderr.decode()


# --- 5. Lenient numbers ---------------------------------------------------------------------------


async def test_numbers_sent_as_strings(server: ServerProcess) -> None:
    async with Client(server.mcp_url, mode="legacy") as c:
        ok = await c.call_tool("get_wantlist", {"per_page": "25"})
        assert not ok.is_error, ok
        for bad in ("25x", "1e400", " 25"):
            refused = await c.call_tool("get_wantlist", {"per_page": bad})
            assert refused.is_error, (bad, refused)
            message = text_of(refused)
            assert "per_page" in message and "expected integer" in message, (bad, message)

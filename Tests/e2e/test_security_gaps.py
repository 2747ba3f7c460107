"""Issue 10, point 5: the security gaps the last closing note left open, each proven from outside.

- A Discogs 401 on an OAuth user's call (the user revoked the app at Discogs) ends that user's
  grants and deletes the stored Discogs credentials; the tool answer says to reconnect, and the
  client's next request gets 401 `invalid_token`, so it re-runs OAuth by itself.
  The same holds when the 401 comes from the first sync of `search_collection`. A 401 that refuses
  the server's application ("Invalid consumer.") ends nobody's grant: it is the operator's to mend.
- Revoking a grant deletes the stored Discogs credentials when the user's last grant goes.
- `fetch_image` downloads only from the allowed image hosts, and only from public addresses (the
  CIMD guard): an internal service is never contacted, whatever the image URL says.
- CORS for browser clients: preflights and response headers for allowed origins only.

The sandbox's control routes (`/_sandbox/…`, opened by DISCOGS_MCP_SANDBOX_CONTROL_TOKEN) play the
user's revocation at Discogs and hand out image URLs on hosts of the test's choosing.
"""

from __future__ import annotations

import http.server
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterator

import httpx2
import pytest

from conftest import ACCEPT_BOTH, ALLOWED_ORIGIN, ServerProcess, _serve, describe, free_port, oauth_env, rpc_body, server_env
from oauth_helper import obtain_tokens

CONTROL_TOKEN = "e2e-sandbox-control-0123456789"
SAMPLE_USER = "sandbox_collector"
VERSION = "2025-06-18"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082")


@pytest.fixture(scope="module")
def revocable(e2e_tmp: Path) -> Iterator[tuple[ServerProcess, int]]:
    """Sandbox OAuth mode with the sandbox's control routes open on a known port."""
    port = free_port()
    env = oauth_env({"DISCOGS_MCP_SANDBOX_CONTROL_TOKEN": CONTROL_TOKEN, "DISCOGS_MCP_SANDBOX_PORT": str(port)})
    for server in _serve("test_security_gaps-oauth", e2e_tmp, env=env):
        yield server, port


def control(sandbox_port: int, route: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    r = httpx2.post(f"http://127.0.0.1:{sandbox_port}/_sandbox/{route}", json=body or {}, headers={"X-Sandbox-Control": CONTROL_TOKEN}, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()


class Session:
    """A raw Streamable HTTP session (2025-06-18) with optional bearer and Origin."""

    def __init__(self, base: str, token: str | None = None, origin: str | None = None) -> None:
        self.http = httpx2.Client(base_url=base, timeout=60)
        self.headers = {"Content-Type": "application/json", "Accept": ACCEPT_BOTH, "MCP-Protocol-Version": VERSION}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        if origin:
            self.headers["Origin"] = origin
        self.next_id = 1

    def open(self) -> httpx2.Response:
        init = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
                "params": {"protocolVersion": VERSION, "capabilities": {}, "clientInfo": {"name": "e2e-security", "version": "1"}}}
        r = self.http.post("/mcp", content=json.dumps(init), headers=self.headers)
        if r.status_code == 200:
            self.headers["Mcp-Session-Id"] = r.headers["mcp-session-id"]
            self.http.post("/mcp", content=json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}), headers=self.headers)
        return r

    def call(self, name: str, arguments: dict[str, Any] | None = None) -> httpx2.Response:
        self.next_id += 1
        body = {"jsonrpc": "2.0", "id": self.next_id, "method": "tools/call", "params": {"name": name, "arguments": arguments or {}}}
        return self.http.post("/mcp", content=json.dumps(body), headers=self.headers)

    def result(self, name: str, arguments: dict[str, Any] | None = None) -> dict[str, Any]:
        r = self.call(name, arguments)
        assert r.status_code == 200, describe(r)
        return rpc_body(r)["result"]


def text_of(result: dict[str, Any]) -> str:
    return " ".join(c.get("text", "") for c in result.get("content", []) if c.get("type") == "text")


def upstream_rows(server: ServerProcess) -> int:
    database = sorted(server.workdir.glob("*.sqlite"))[-1]
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return db.execute("SELECT COUNT(*) FROM oauth_upstream_credential").fetchone()[0]


# --- Discogs 401 ends the grant -------------------------------------------------------------------


def test_discogs_401_ends_the_grant_and_the_client_is_sent_to_reconnect(revocable: tuple[ServerProcess, int]) -> None:
    server, sandbox_port = revocable
    tokens = obtain_tokens(server.url, scope="read write")
    session = Session(server.url, tokens["access_token"])
    assert session.open().status_code == 200
    first = session.result("list_folders")
    assert not first.get("isError"), first
    assert upstream_rows(server) >= 1

    assert control(sandbox_port, "revoke", {"username": SAMPLE_USER})["revoked"] >= 1
    answer = session.result("get_collection_value")
    assert answer.get("isError") is True, answer
    assert "reconnect" in text_of(answer).lower(), answer

    # The grant is gone: the next request is refused with invalid_token, so the client re-runs OAuth.
    after = session.call("list_folders")
    assert after.status_code == 401, describe(after)
    assert 'error="invalid_token"' in after.headers.get("www-authenticate", ""), describe(after)
    refreshed = httpx2.post(f"{server.url}/token", data={
        "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"], "client_id": tokens["client_id"]}, timeout=30)
    assert refreshed.status_code == 400 and refreshed.json()["error"] == "invalid_grant", refreshed.text
    assert upstream_rows(server) == 0, "the revoked Discogs credentials are still stored"


@pytest.fixture(scope="module")
def unindexed(e2e_tmp: Path) -> Iterator[tuple[ServerProcess, int]]:
    """Like `revocable`, on its own database: nobody's collection has been indexed yet."""
    port = free_port()
    env = oauth_env({"DISCOGS_MCP_SANDBOX_CONTROL_TOKEN": CONTROL_TOKEN, "DISCOGS_MCP_SANDBOX_PORT": str(port)})
    for server in _serve("test_security_gaps-unindexed", e2e_tmp, env=env):
        yield server, port


def test_a_refused_application_ends_nobodys_grant(unindexed: tuple[ServerProcess, int]) -> None:
    """Discogs answering "Invalid consumer." (the operator's app deleted or its key replaced) is the
    server's problem: the user keeps their grant and credentials, and is told so; once the app is
    back, the same grant works."""
    server, sandbox_port = unindexed
    tokens = obtain_tokens(server.url, scope="read")
    session = Session(server.url, tokens["access_token"])
    assert session.open().status_code == 200
    assert not session.result("list_folders").get("isError")
    rows = upstream_rows(server)
    assert control(sandbox_port, "consumers", {"suspended": True})["moved"] >= 1
    try:
        answer = session.result("get_collection_value")
        assert answer.get("isError") is True, answer
        text = text_of(answer)
        assert "operator" in text and "stay signed in" in text and "reconnect" not in text.lower(), text
        again = session.call("list_folders")
        assert again.status_code == 200, f"the grant was ended by the application's refusal: {describe(again)}"
        assert upstream_rows(server) == rows, "the user's Discogs credentials were deleted"
    finally:
        control(sandbox_port, "consumers", {"suspended": False})
    assert not session.result("list_folders").get("isError"), "the same grant should work once the app is back"


def test_discogs_401_during_the_first_collection_sync_ends_the_grant(unindexed: tuple[ServerProcess, int]) -> None:
    """search_collection's first call syncs the collection; a 401 there ends the grant like any other."""
    server, sandbox_port = unindexed
    tokens = obtain_tokens(server.url, scope="read")
    session = Session(server.url, tokens["access_token"])
    assert session.open().status_code == 200
    assert control(sandbox_port, "revoke", {"username": SAMPLE_USER})["revoked"] >= 1
    answer = session.result("search_collection", {"query": "a"})
    assert answer.get("isError") is True, answer
    assert "reconnect" in text_of(answer).lower(), answer
    after = session.call("list_folders")
    assert after.status_code == 401, describe(after)
    assert 'error="invalid_token"' in after.headers.get("www-authenticate", ""), describe(after)


# --- Revoking the last grant deletes the Discogs credentials --------------------------------------


def test_revoking_the_last_grant_deletes_the_stored_discogs_credentials(revocable: tuple[ServerProcess, int]) -> None:
    server, _ = revocable
    first = obtain_tokens(server.url, scope="read")
    second = obtain_tokens(server.url, scope="read")
    assert upstream_rows(server) == 1

    r = httpx2.post(f"{server.url}/revoke", data={"token": first["refresh_token"], "client_id": first["client_id"]}, timeout=30)
    assert r.status_code == 200, r.text
    assert upstream_rows(server) == 1, "another grant still uses the Discogs credentials"
    still = Session(server.url, second["access_token"])
    assert still.open().status_code == 200

    r = httpx2.post(f"{server.url}/revoke", data={"token": second["access_token"], "client_id": second["client_id"]}, timeout=30)
    assert r.status_code == 200, r.text
    assert upstream_rows(server) == 0, "the user's last grant is revoked but their Discogs credentials are still stored"


# --- fetch_image: allowed hosts, public addresses only ---------------------------------------------


class _Internal(http.server.BaseHTTPRequestHandler):
    """Stands in for an internal service: answers an image to anyone, and counts who asked."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(PNG)))
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture(scope="module")
def internal_service() -> Iterator[int]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Internal)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()


@pytest.fixture(scope="module")
def imaging(e2e_tmp: Path) -> Iterator[tuple[ServerProcess, int]]:
    """Single-user sandbox with the control routes; `localhost` is on the image-host allow-list."""
    port = free_port()
    env = server_env({
        "DISCOGS_MCP_SANDBOX_CONTROL_TOKEN": CONTROL_TOKEN, "DISCOGS_MCP_SANDBOX_PORT": str(port),
        "DISCOGS_MCP_IMAGE_HOSTS": "i.discogs.com,localhost",
    })
    for server in _serve("test_security_gaps-images", e2e_tmp, env=env):
        yield server, port


def _releases(sandbox_port: int) -> list[int]:
    r = httpx2.get(f"http://127.0.0.1:{sandbox_port}/users/{SAMPLE_USER}/collection/folders/0/releases",
                   headers={"Authorization": "Discogs token=sandbox-personal-token", "User-Agent": "e2e"}, timeout=10)
    r.raise_for_status()
    return [item["id"] for item in r.json()["releases"]]


def test_fetch_image_fetches_only_from_allowed_public_image_hosts(imaging: tuple[ServerProcess, int], internal_service: int) -> None:
    server, sandbox_port = imaging
    releases = _releases(sandbox_port)
    session = Session(server.url)
    assert session.open().status_code == 200
    control(sandbox_port, "image_base", {"url": None})
    ok = session.result("fetch_image", {"release_id": releases[0], "size": "thumbnail"})
    assert not ok.get("isError"), ok  # the sandbox's own image host is allowed

    _Internal.hits.clear()
    cases = [(f"http://127.0.0.1:{internal_service}", "not one of this server's allowed image hosts"),
             (f"http://localhost:{internal_service}", "does not resolve to public addresses only")]
    # A release not fetched before for each case: the server caches releases with their image URLs.
    for (base, why), release in zip(cases, releases[1:]):
        control(sandbox_port, "image_base", {"url": base})
        answer = session.result("fetch_image", {"release_id": release})
        assert answer.get("isError") is True, f"{why}: {answer}"
        assert why in text_of(answer), answer
    control(sandbox_port, "image_base", {"url": None})
    assert _Internal.hits == [], f"the internal service was contacted: {_Internal.hits}"


# --- CORS for browser clients ---------------------------------------------------------------------

PREFLIGHT = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type, mcp-session-id, mcp-protocol-version"}


def _tokens(value: str | None) -> set[str]:
    return {part.strip().lower() for part in (value or "").split(",") if part.strip()}


@pytest.mark.parametrize("path", ["/mcp", "/sse", "/messages", "/token", "/register", "/.well-known/oauth-authorization-server",
                                  "/.well-known/oauth-protected-resource/mcp"])
def test_cors_preflight_for_allowed_origins_only(revocable: tuple[ServerProcess, int], path: str) -> None:
    server, _ = revocable
    ok = httpx2.options(f"{server.url}{path}", headers={"Origin": ALLOWED_ORIGIN, **PREFLIGHT}, timeout=10)
    assert ok.status_code in (200, 204), describe(ok)
    assert ok.headers.get("access-control-allow-origin") == ALLOWED_ORIGIN, describe(ok)
    assert "origin" in _tokens(ok.headers.get("vary")), describe(ok)
    assert "post" in _tokens(ok.headers.get("access-control-allow-methods")), describe(ok)
    assert {"authorization", "content-type", "mcp-session-id", "mcp-protocol-version"} <= _tokens(ok.headers.get("access-control-allow-headers")), describe(ok)
    assert ok.headers.get("access-control-allow-credentials") is None, describe(ok)

    refused = httpx2.options(f"{server.url}{path}", headers={"Origin": "https://evil.example", **PREFLIGHT}, timeout=10)
    assert refused.status_code == 403, describe(refused)
    assert "access-control-allow-origin" not in refused.headers, describe(refused)


def test_cors_headers_expose_the_session_and_the_challenge(revocable: tuple[ServerProcess, int]) -> None:
    server, _ = revocable
    anonymous = Session(server.url, origin=ALLOWED_ORIGIN).open()
    assert anonymous.status_code == 401, describe(anonymous)
    assert anonymous.headers.get("access-control-allow-origin") == ALLOWED_ORIGIN, describe(anonymous)
    assert {"www-authenticate", "mcp-session-id"} <= _tokens(anonymous.headers.get("access-control-expose-headers")), describe(anonymous)

    tokens = obtain_tokens(server.url, scope="read")
    opened = Session(server.url, tokens["access_token"], origin=ALLOWED_ORIGIN).open()
    assert opened.status_code == 200, describe(opened)
    assert opened.headers.get("access-control-allow-origin") == ALLOWED_ORIGIN, describe(opened)
    assert "mcp-session-id" in _tokens(opened.headers.get("access-control-expose-headers")), describe(opened)
    assert opened.headers.get("access-control-allow-origin") != "*"

    metadata = httpx2.get(f"{server.url}/.well-known/oauth-authorization-server", headers={"Origin": ALLOWED_ORIGIN}, timeout=10)
    assert metadata.status_code == 200 and metadata.headers.get("access-control-allow-origin") == ALLOWED_ORIGIN, describe(metadata)
    # No Origin (SDKs, Claude's backend): no CORS headers at all.
    plain = httpx2.get(f"{server.url}/.well-known/oauth-authorization-server", timeout=10)
    assert "access-control-allow-origin" not in plain.headers, describe(plain)

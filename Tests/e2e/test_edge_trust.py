"""The server's edges against an attacker (issue 14, points 2, 5 and 6), over real HTTP.

- Client metadata documents: every resolved address is vetted (a name with a public A and a
  loopback AAAA, served by the test's own hosts file, is refused) and no error names an address.
- Trusted proxies: `X-Forwarded-For`/`Forwarded` name the client only when the peer is a trusted
  proxy; the rate limiter's per-address buckets follow that address; spoofed hops are ignored.
- Host validation: a foreign `Host` (DNS rebinding) gets 421 on every MCP and OAuth endpoint,
  while the SDK over 127.0.0.1 and localhost keeps working.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.sse import sse_client

from conftest import ServerProcess, oauth_env, server_env
from oauth_helper import REDIRECT_URI, pkce_pair

ATTACKER = "attacker.example"


def _start(name: str, workdir: Path, env: dict[str, str]) -> Iterator[ServerProcess]:
    workdir.mkdir(parents=True, exist_ok=True)
    srv = ServerProcess(name=name, args=[], env=env, workdir=workdir)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def edge_oauth_server(e2e_tmp: Path) -> Iterator[ServerProcess]:
    """OAuth mode, an extra allowed host, and a hosts file of the test's own for metadata fetches."""
    hosts = e2e_tmp / "edge-hosts"
    hosts.write_text(
        "# a public A and a loopback AAAA for one name\n"
        "93.184.216.34 mixed.invalid\n"
        "::1 mixed.invalid\n"
        "10.20.30.40 db.corp.internal\n"
    )
    env = oauth_env({"DISCOGS_MCP_ALLOWED_HOSTS": "alias.example", "DISCOGS_MCP_CLIENT_METADATA_HOSTS": str(hosts)})
    yield from _start("edge-oauth", e2e_tmp / "edge-oauth", env)


@pytest.fixture(scope="module")
def edge_local_server(e2e_tmp: Path) -> Iterator[ServerProcess]:
    """Single-user mode on loopback, as a local client uses it."""
    yield from _start("edge-local", e2e_tmp / "edge-local", server_env())


# --- point 2: metadata-document fetch ------------------------------------------------------------


LEAKS = ("93.184.216.34", "::1", "127.0.0.1", "10.20.30.40", "7f00")


def test_metadata_document_hosts_are_vetted_and_no_error_names_an_address(edge_oauth_server: ServerProcess) -> None:
    base = edge_oauth_server.url
    _, challenge = pkce_pair()
    with httpx2.Client(timeout=30) as http:
        for client_id in (
            "https://localhost/client.json",  # the machine's own loopback name: its address must not be named
            "https://mixed.invalid/client.json",  # public A + loopback AAAA (the test's hosts file)
            "https://db.corp.internal/x",  # a private address (the example)
            "https://[64:ff9b::7f00:1]/client.json",  # NAT64 of 127.0.0.1
            "https://198.18.0.1/client.json",  # benchmarking range
        ):
            r = http.post(f"{base}/token", data={
                "grant_type": "authorization_code", "code": "x", "redirect_uri": REDIRECT_URI,
                "client_id": client_id, "code_verifier": "v" * 43,
            })
            assert r.status_code == 401, (client_id, r.status_code, r.text)
            body = r.json()
            assert body["error"] == "invalid_client", (client_id, body)
            description = body.get("error_description", "")
            assert "public" in description, (client_id, description)
            for leak in LEAKS:
                assert leak not in description.replace(client_id, ""), (client_id, description)
            page = http.get(f"{base}/authorize?" + urlencode({
                "response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT_URI,
                "code_challenge": challenge, "code_challenge_method": "S256", "state": "s",
            }))
            assert page.status_code in (400, 401), (client_id, page.status_code)
            for leak in LEAKS:
                assert leak not in page.text.replace(client_id, ""), (client_id, page.text[:500])


# --- point 5: trust behind a proxy ---------------------------------------------------------------


@pytest.fixture()
def trusting_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """127.0.0.1 (where the test sends from) is a trusted proxy; one unauthenticated request a minute per address."""
    yield from _start("trusting", tmp_path, oauth_env({"DISCOGS_MCP_TRUSTED_PROXIES": "127.0.0.1,::1", "DISCOGS_MCP_IP_RATE_LIMIT_PER_MINUTE": "1"}))


@pytest.fixture()
def distrusting_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A proxy is configured, but not 127.0.0.1: the test's requests come from an untrusted peer."""
    yield from _start("distrusting", tmp_path, oauth_env({"DISCOGS_MCP_TRUSTED_PROXIES": "10.0.0.1", "DISCOGS_MCP_IP_RATE_LIMIT_PER_MINUTE": "1"}))


def _token_status(http: httpx2.Client, base: str, headers: dict[str, str]) -> int:
    r = http.post(f"{base}/token", data={"grant_type": "refresh_token", "refresh_token": "rt_x", "client_id": "x"}, headers=headers)
    return r.status_code


def test_through_a_trusted_proxy_each_client_has_its_own_bucket(trusting_server: ServerProcess) -> None:
    base = trusting_server.url
    with httpx2.Client(timeout=10) as http:
        assert _token_status(http, base, {"X-Forwarded-For": "198.51.100.1"}) != 429
        assert _token_status(http, base, {"X-Forwarded-For": "198.51.100.1"}) == 429
        # Another client behind the same proxy is not held back by the first.
        assert _token_status(http, base, {"X-Forwarded-For": "198.51.100.2"}) != 429
        # A client prepending a fake address is still itself: the walk stops at the first untrusted hop from the right.
        assert _token_status(http, base, {"X-Forwarded-For": "203.0.113.99, 198.51.100.1"}) == 429
        # RFC 7239 Forwarded is read when X-Forwarded-For is absent.
        assert _token_status(http, base, {"Forwarded": 'for="[2001:db8::7]:4711";proto=https'}) != 429
        assert _token_status(http, base, {"Forwarded": "for=2001:db8::7"}) == 429
        # Behind a proxy, loopback proves nothing: /metrics wants its token.
        metrics = http.get(f"{base}/metrics")
        assert metrics.status_code == 403, metrics.text
        assert "DISCOGS_MCP_METRICS_TOKEN" in metrics.text


def test_through_an_untrusted_peer_forwarding_headers_are_ignored(distrusting_server: ServerProcess) -> None:
    base = distrusting_server.url
    with httpx2.Client(timeout=10) as http:
        assert _token_status(http, base, {"X-Forwarded-For": "198.51.100.1"}) != 429
        # Spoofed addresses do not buy a fresh bucket: the peer (127.0.0.1) is the client.
        assert _token_status(http, base, {"X-Forwarded-For": "198.51.100.2"}) == 429
        assert _token_status(http, base, {"Forwarded": "for=198.51.100.3"}) == 429
        assert _token_status(http, base, {}) == 429


# --- point 6: Host validation --------------------------------------------------------------------


def _status(http: httpx2.Client, method: str, url: str, host: str) -> tuple[int, str]:
    headers = {"Host": host, "Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    body = b'{"jsonrpc":"2.0","id":1,"method":"ping"}' if method == "POST" else None
    # Streamed: a wrongly admitted GET /sse would otherwise never end.
    with http.stream(method, url, headers=headers, content=body) as r:
        text = r.read().decode("utf-8", "replace") if r.status_code != 200 else ""
        return r.status_code, text


def test_foreign_host_is_refused_on_mcp_sse_messages_and_oauth(edge_oauth_server: ServerProcess) -> None:
    base = edge_oauth_server.url
    port = edge_oauth_server.port
    paths = [
        ("POST", "/mcp"), ("GET", "/mcp"), ("GET", "/sse"), ("POST", "/messages?sessionId=abc"),
        ("POST", "/register"), ("GET", "/authorize?client_id=x"), ("POST", "/token"), ("POST", "/revoke"),
        ("GET", "/.well-known/oauth-authorization-server"), ("GET", "/.well-known/oauth-protected-resource/mcp"),
        ("GET", "/metrics"), ("GET", "/discogs/callback"),
    ]
    with httpx2.Client(timeout=10) as http:
        for host in (ATTACKER, f"{ATTACKER}:{port}", f"127.0.0.1.{ATTACKER}:{port}"):
            for method, path in paths:
                status, text = _status(http, method, base + path, host)
                assert status == 421, (host, method, path, status, text[:200])
                assert "DISCOGS_MCP_ALLOWED_HOSTS" in text, text
        # Configured and loopback names pass; health probes answer whatever the Host.
        for host in (f"alias.example:{port}", f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"):
            assert _status(http, "GET", base + "/.well-known/oauth-authorization-server", host)[0] == 200, host
        assert _status(http, "GET", base + "/healthz", ATTACKER)[0] == 200


@pytest.mark.anyio
@pytest.mark.parametrize("name", ["127.0.0.1", "localhost"])
async def test_sdk_clients_keep_working_over_loopback_names(edge_local_server: ServerProcess, name: str) -> None:
    base = f"http://{name}:{edge_local_server.port}"
    with anyio.fail_after(40):
        async with Client(f"{base}/mcp", mode="legacy") as client:
            assert {t.name for t in (await client.list_tools()).tools} >= {"ping", "server_info"}
        async with Client(sse_client(f"{base}/sse", timeout=10.0), mode="legacy") as client:
            result = await client.call_tool("ping", {})
            assert not result.is_error, result

"""OAuth 2.1 end to end, in sandbox mode: the official SDK's OAuthClientProvider discovers the
server, registers, runs PKCE through our consent page and the sandbox Discogs login, and then
uses the tokens on every transport and revision; plus the negative paths and the anonymous SSE
login link. The browser is played by `oauth_helper.play_browser`."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Iterator

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.auth import AuthorizationCodeResult, OAuthClientProvider, TokenStorage
from mcp.client.sse import sse_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

from conftest import LEGACY_VERSIONS, MODERN_VERSION, ServerProcess, oauth_env
from oauth_helper import REDIRECT_URI, BrowserStop, authorize_url, obtain_tokens, pkce_pair, play_browser, register

pytestmark = pytest.mark.anyio

PUBLIC_TOOLS = {"ping", "server_info", "auth_status"}
# Every credential the tests saw; the last test looks for them in the server's log.
SEEN_SECRETS: set[str] = set()


class Store(TokenStorage):
    def __init__(self) -> None:
        self.tokens: OAuthToken | None = None
        self.info: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens
        SEEN_SECRETS.update(t for t in (tokens.access_token, tokens.refresh_token) if t)

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.info

    async def set_client_info(self, info: OAuthClientInformationFull) -> None:
        self.info = info


def provider(server_url: str) -> OAuthClientProvider:
    pending: dict[str, AuthorizationCodeResult] = {}

    async def redirect_handler(url: str) -> None:
        query = await anyio.to_thread.run_sync(lambda: play_browser(url))
        assert "error" not in query, query
        SEEN_SECRETS.add(query["code"][0])
        pending["r"] = AuthorizationCodeResult(code=query["code"][0], state=query["state"][0], iss=query.get("iss", [None])[0])

    async def callback_handler() -> AuthorizationCodeResult:
        return pending.pop("r")

    return OAuthClientProvider(
        server_url=server_url,
        client_metadata=OAuthClientMetadata(client_name="e2e", redirect_uris=[REDIRECT_URI], token_endpoint_auth_method="none"),
        storage=Store(), redirect_handler=redirect_handler, callback_handler=callback_handler,
    )


def challenge_for(base: str, path: str) -> str:
    return f'Bearer resource_metadata="{base}/.well-known/oauth-protected-resource{path}", scope="read write marketplace"'


def tools_call(http: httpx2.Client, url: str, token: str, name: str, arguments: dict[str, Any] | None = None) -> httpx2.Response:
    """A stateless 2026-07-28 tools/call with a bearer."""
    return http.post(url, headers={
        "Authorization": f"Bearer {token}", "Accept": "application/json, text/event-stream", "Content-Type": "application/json",
        "MCP-Protocol-Version": MODERN_VERSION, "Mcp-Method": "tools/call", "Mcp-Name": name,
    }, json={"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {
        "name": name, "arguments": arguments or {},
        "_meta": {"io.modelcontextprotocol/protocolVersion": MODERN_VERSION, "io.modelcontextprotocol/clientInfo": {"name": "e2e", "version": "1"},
                  "io.modelcontextprotocol/clientCapabilities": {}}}})


def structured(result: Any) -> dict[str, Any]:
    return result.structured_content or {}


# --- Discovery and challenges --------------------------------------------------------------------


def test_unauthenticated_mcp_is_401_in_every_revision(oauth_server: ServerProcess) -> None:
    base, url = oauth_server.url, oauth_server.mcp_url
    expected = challenge_for(base, "/mcp")
    accept = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "x", "version": "1"}}}
    with httpx2.Client(timeout=10) as http:
        responses = [http.post(url, headers=accept, json=init)]
        for version in LEGACY_VERSIONS:
            responses.append(http.post(url, headers={**accept, "MCP-Protocol-Version": version}, json=init))
            responses.append(http.post(url, headers={**accept, "MCP-Protocol-Version": version}, json={"jsonrpc": "2.0", "method": "notifications/initialized"}))
        responses.append(http.post(url, headers={**accept, "MCP-Protocol-Version": MODERN_VERSION, "Mcp-Method": "server/discover"},
                                   json={"jsonrpc": "2.0", "id": 2, "method": "server/discover", "params": {}}))
        responses.append(http.get(url, headers={"Accept": "text/event-stream"}))
        responses.append(http.delete(url, headers={"Mcp-Session-Id": "0" * 32}))
        responses.append(http.post(url + "/", headers=accept, json=init))
        for r in responses:
            assert r.status_code == 401, (r.request.method, r.status_code, r.text)
            assert r.headers["www-authenticate"] == expected, r.headers
        bad = http.post(url, headers={**accept, "Authorization": "Bearer at_forged"}, json=init)
        assert bad.status_code == 401 and 'error="invalid_token"' in bad.headers["www-authenticate"], bad.headers
        truncated = http.post(url, headers={**accept, "Authorization": "Bearer at_abc"}, json=init)
        assert truncated.status_code == 401
        sse = http.get(f"{base}/sse", headers={"Authorization": "Bearer at_forged", "Accept": "text/event-stream"})
        assert sse.status_code == 401 and f'{base}/.well-known/oauth-protected-resource/sse' in sse.headers["www-authenticate"]


def test_discovery_documents(oauth_server: ServerProcess) -> None:
    base = oauth_server.url
    with httpx2.Client(timeout=10) as http:
        for path, resource in (("", base), ("/mcp", base + "/mcp"), ("/sse", base + "/sse")):
            prm = http.get(f"{base}/.well-known/oauth-protected-resource{path}").json()
            assert prm["resource"] == resource and prm["authorization_servers"] == [base] and prm["bearer_methods_supported"] == ["header"], prm
        meta = http.get(f"{base}/.well-known/oauth-authorization-server").json()
        assert meta["issuer"] == base
        assert meta["code_challenge_methods_supported"] == ["S256"]
        assert meta["authorization_response_iss_parameter_supported"] is True
        assert meta["client_id_metadata_document_supported"] is True
        assert set(meta["token_endpoint_auth_methods_supported"]) == {"none", "client_secret_basic", "client_secret_post"}
        assert all(v is not None for v in meta.values())
        # Reference §4.1: openid-configuration only when the OIDC rules are met (off by default).
        assert http.get(f"{base}/.well-known/openid-configuration").status_code == 404


# --- The SDK's OAuth provider on every transport --------------------------------------------------


async def test_sdk_oauth_streamable_http_all_modes(oauth_server: ServerProcess) -> None:
    auth = provider(oauth_server.mcp_url)
    async with httpx2.AsyncClient(auth=auth, timeout=httpx2.Timeout(30, read=120)) as http:
        for mode in ("auto", "2026-07-28", "legacy"):
            async with Client(streamable_http_client(oauth_server.mcp_url, http_client=http), mode=mode, cache=None) as c:
                if mode == "auto":
                    assert c.protocol_version == MODERN_VERSION, c.protocol_version
                if mode == "legacy":
                    assert c.server_capabilities.tools is not None
                tools = {t.name: t for t in (await c.list_tools()).tools}
                assert PUBLIC_TOOLS <= set(tools), tools.keys()
                status = await c.call_tool("auth_status", {})
                assert not status.is_error, status
                info = structured(status)
                assert info["authenticated"] is True and info["method"] == "oauth" and info.get("username"), info
                # Discogs tools act for the signed-in sandbox user: their folders and their collection.
                for name in ("list_folders", "search_collection"):
                    assert name in tools, sorted(tools)
                    result = await c.call_tool(name, {})
                    assert not result.is_error, (name, result)
                    assert result.structured_content, (name, result)
    assert auth.context.current_tokens is not None


async def test_sdk_oauth_over_sse(oauth_server: ServerProcess) -> None:
    """`/sse` without a bearer is an anonymous session (issue 4), so the SDK provider must hold a
    token for the `/sse` resource before it connects; with it, the session is the user's."""
    tokens = await anyio.to_thread.run_sync(lambda: obtain_tokens(oauth_server.url, resource_path="/sse"))
    SEEN_SECRETS.update((tokens["access_token"], tokens["refresh_token"]))
    auth = provider(f"{oauth_server.url}/sse")
    store = auth.context.storage
    await store.set_client_info(OAuthClientInformationFull(client_id=tokens["client_id"], redirect_uris=[REDIRECT_URI], token_endpoint_auth_method="none"))
    await store.set_tokens(OAuthToken(access_token=tokens["access_token"], token_type="Bearer", expires_in=tokens["expires_in"],
                                      refresh_token=tokens["refresh_token"], scope=tokens["scope"]))
    async with Client(sse_client(f"{oauth_server.url}/sse", auth=auth), mode="legacy") as c:
        assert PUBLIC_TOOLS <= {t.name for t in (await c.list_tools()).tools}
        info = structured(await c.call_tool("auth_status", {}))
        assert info["authenticated"] is True and info["method"] == "oauth", info


# --- Tokens: refresh, reuse, revocation, audience -------------------------------------------------


def test_refresh_rotation_and_reuse_revokes_the_family(oauth_server: ServerProcess) -> None:
    base = oauth_server.url
    tokens = obtain_tokens(base, scope="read")
    SEEN_SECRETS.update((tokens["access_token"], tokens["refresh_token"]))
    assert set(tokens) >= {"access_token", "token_type", "expires_in", "refresh_token", "scope"} and tokens["scope"] == "read"
    with httpx2.Client(timeout=10) as http:
        form = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"], "client_id": tokens["client_id"], "resource": tokens["resource"]}
        fresh = http.post(f"{base}/token", data=form)
        assert fresh.status_code == 200, fresh.text
        new = fresh.json()
        SEEN_SECRETS.update((new["access_token"], new["refresh_token"]))
        assert new["refresh_token"] != tokens["refresh_token"]
        assert tools_call(http, oauth_server.mcp_url, new["access_token"], "ping").status_code == 200
        reuse = http.post(f"{base}/token", data=form)
        assert reuse.status_code == 400 and reuse.json()["error"] == "invalid_grant", reuse.text
        # The whole family is gone: the rotated refresh token and its access token too.
        again = http.post(f"{base}/token", data={**form, "refresh_token": new["refresh_token"]})
        assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
        gone = tools_call(http, oauth_server.mcp_url, new["access_token"], "ping")
        assert gone.status_code == 401 and 'error="invalid_token"' in gone.headers["www-authenticate"]


def test_revocation_then_401(oauth_server: ServerProcess) -> None:
    tokens = obtain_tokens(oauth_server.url)
    SEEN_SECRETS.update((tokens["access_token"], tokens["refresh_token"]))
    with httpx2.Client(timeout=10) as http:
        assert tools_call(http, oauth_server.mcp_url, tokens["access_token"], "ping").status_code == 200
        revoked = http.post(f"{oauth_server.url}/revoke", data={"token": tokens["refresh_token"], "client_id": tokens["client_id"]})
        assert revoked.status_code == 200
        after = tools_call(http, oauth_server.mcp_url, tokens["access_token"], "ping")
        assert after.status_code == 401 and 'error="invalid_token"' in after.headers["www-authenticate"], after.headers


def test_token_for_sse_is_refused_on_mcp(oauth_server: ServerProcess) -> None:
    tokens = obtain_tokens(oauth_server.url, resource_path="/sse")
    SEEN_SECRETS.add(tokens["access_token"])
    with httpx2.Client(timeout=10) as http:
        r = tools_call(http, oauth_server.mcp_url, tokens["access_token"], "ping")
        assert r.status_code == 401 and "another resource" in r.headers["www-authenticate"], r.headers


def test_step_up_403_names_the_scopes(oauth_server: ServerProcess) -> None:
    """A read grant calling a write tool gets 403 insufficient_scope (when the catalog has write tools)."""
    full = obtain_tokens(oauth_server.url, scope="read write")
    read = obtain_tokens(oauth_server.url, scope="read")
    SEEN_SECRETS.update((full["access_token"], read["access_token"]))
    def names(token: str) -> set[str]:
        with httpx2.Client(timeout=10) as http:
            r = http.post(oauth_server.mcp_url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json, text/event-stream",
                          "MCP-Protocol-Version": MODERN_VERSION, "Mcp-Method": "tools/list"},
                          json={"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"_meta": {
                              "io.modelcontextprotocol/protocolVersion": MODERN_VERSION, "io.modelcontextprotocol/clientInfo": {"name": "e2e", "version": "1"},
                              "io.modelcontextprotocol/clientCapabilities": {}}}})
            assert r.status_code == 200, r.text
            return {t["name"] for t in r.json()["result"]["tools"]}
    write_only = sorted(names(full["access_token"]) - names(read["access_token"]))
    if not write_only:
        pytest.skip("the tool catalog has no write-scoped tools yet")
    with httpx2.Client(timeout=10) as http:
        r = tools_call(http, oauth_server.mcp_url, read["access_token"], write_only[0])
        assert r.status_code == 403, r.text
        header = r.headers["www-authenticate"]
        assert 'error="insufficient_scope"' in header and 'scope="read write"' in header and "resource_metadata=" in header, header


# --- Browser-side refusals ------------------------------------------------------------------------


def test_denied_consent_and_denied_discogs_login(oauth_server: ServerProcess) -> None:
    base = oauth_server.url
    client = register(base)
    for kwargs in ({"decision": "deny"}, {"discogs_decision": "deny"}):
        _, challenge = pkce_pair()
        query = play_browser(authorize_url(base, client["client_id"], challenge, scope="read", resource=base + "/mcp", state="s-1"), **kwargs)
        assert query["error"] == ["access_denied"] and query["state"] == ["s-1"] and query["iss"] == [base], (kwargs, query)
        assert "code" not in query


def test_consent_without_csrf_is_refused(oauth_server: ServerProcess) -> None:
    base = oauth_server.url
    client = register(base)
    _, challenge = pkce_pair()
    url = authorize_url(base, client["client_id"], challenge, scope="read", resource=base + "/mcp")
    with httpx2.Client(timeout=10, follow_redirects=False) as http:
        page = http.get(url)
        assert page.status_code == 200 and "frame-ancestors 'none'" in page.headers["content-security-policy"]
        fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', page.text))
        fields["decision"] = "approve"
        refused = http.post(f"{base}/authorize", data=fields)  # no cookie
        assert refused.status_code == 403 and "location" not in refused.headers


# --- Anonymous SSE session → login link → list_changed -------------------------------------------


async def test_anonymous_sse_login_link(oauth_server: ServerProcess) -> None:
    changed = anyio.Event()

    async def on_message(message: Any) -> None:
        if "list_changed" in repr(message) or "ListChanged" in type(getattr(message, "root", message)).__name__:
            changed.set()

    async with Client(sse_client(f"{oauth_server.url}/sse"), mode="legacy", message_handler=on_message) as c:
        before = {t.name for t in (await c.list_tools(cache_mode="bypass")).tools}
        status = structured(await c.call_tool("auth_status", {}))
        assert status["authenticated"] is False, status
        link, code = status["loginUrl"], status["loginCode"]
        page = await anyio.to_thread.run_sync(lambda: httpx2.get(link, timeout=10))
        # The page does not show the code: the person types the one their own app shows (issue 14).
        assert page.status_code == 200 and code not in page.text
        try:
            await anyio.to_thread.run_sync(lambda: play_browser(link, stop_at="http://never.invalid/", fill={"code": code}))
            raise AssertionError("the login flow should end on the signed-in page")
        except BrowserStop as stop:
            assert stop.status == 200 and "Signed in" in stop.text, stop
        with anyio.fail_after(10):
            await changed.wait()
        after = structured(await c.call_tool("auth_status", {}))
        assert after["authenticated"] is True and after["method"] == "oauth" and after.get("username"), after
        tools = {t.name for t in (await c.list_tools(cache_mode="bypass")).tools}
        assert before <= tools
        # Spent: the link does not work twice.
        assert (await anyio.to_thread.run_sync(lambda: httpx2.get(link, timeout=10))).status_code == 404


# --- Operations -----------------------------------------------------------------------------------


def test_oauth_metrics(oauth_server: ServerProcess) -> None:
    text = httpx2.get(f"{oauth_server.url}/metrics", timeout=10).text
    def value(event: str) -> float:
        m = re.search(r'^discogs_mcp_oauth_events_total\{event="%s"\} (\S+)$' % event, text, re.M)
        return float(m.group(1)) if m else 0.0
    for event in ("registration", "authorization_started", "authorization_approved", "authorization_denied", "token_issued", "token_refreshed", "token_revoked"):
        assert value(event) >= 1, (event, text[-3000:])
    assert re.search(r'^discogs_mcp_oauth_failures_total\{reason="invalid_grant"\} [1-9]', text, re.M), text[-3000:]
    promtool = shutil.which("promtool")
    assert promtool, "promtool missing: scripts/test installs Debian's prometheus package"
    check = subprocess.run([promtool, "check", "metrics"], input=text.encode(), capture_output=True, timeout=30)
    assert check.returncode == 0, check.stdout.decode() + check.stderr.decode()


@pytest.fixture()
def limited_oauth_server(tmp_path: Path) -> Iterator[ServerProcess]:
    env = oauth_env({"DISCOGS_MCP_IP_RATE_LIMIT_PER_MINUTE": "30"})
    srv = ServerProcess(name="limited-oauth", args=[], env=env, workdir=tmp_path)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def test_oauth_endpoints_are_ip_rate_limited(limited_oauth_server: ServerProcess) -> None:
    statuses = []
    with httpx2.Client(timeout=10) as http:
        for _ in range(12):
            r = http.post(f"{limited_oauth_server.url}/token", data={"grant_type": "refresh_token", "refresh_token": "rt_x", "client_id": "x"})
            statuses.append(r.status_code)
        assert 429 in statuses, statuses
        assert int(r.headers["retry-after"]) >= 1
        # Discovery stays open.
        assert http.get(f"{limited_oauth_server.url}/.well-known/oauth-authorization-server").status_code == 200


def test_tokens_survive_a_restart(tmp_path: Path) -> None:
    srv = ServerProcess(name="restart-oauth", args=[], env=oauth_env(), workdir=tmp_path)
    srv.start()
    try:
        tokens = obtain_tokens(srv.url, scope="read")
        srv.stop()
        srv.fixed_port = srv.port
        srv.start()
        with httpx2.Client(timeout=10) as http:
            assert tools_call(http, srv.mcp_url, tokens["access_token"], "ping").status_code == 200
            fresh = http.post(f"{srv.url}/token", data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"],
                                                         "client_id": tokens["client_id"], "resource": tokens["resource"]})
            assert fresh.status_code == 200, fresh.text
    finally:
        srv.stop()


def test_no_secret_reaches_the_log(oauth_server: ServerProcess) -> None:
    assert SEEN_SECRETS, "the earlier tests should have seen tokens"
    log = Path(oauth_server.stderr_path).read_text(errors="replace")
    leaked = [s[:8] + "…" for s in SEEN_SECRETS if s in log]
    assert not leaked, leaked
    assert "sandbox-consumer-secret" not in log

"""Abuse of the sign-in pages: issue 14 (1: open redirect at /authorize, 4: login-link phishing)
and issue 17 (3: consent POSTs draining the shared Discogs budget)."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.sse import sse_client
from mcp.types import Implementation

from conftest import MODERN_VERSION, ServerProcess, oauth_env
from oauth_helper import REDIRECT_URI, BrowserStop, ConsentForm, authorize_url, obtain_tokens, pkce_pair, play_browser, register

pytestmark = pytest.mark.anyio


# --- Issue 14.1: no open redirect before consent ------------------------------------------------------


def test_authorize_errors_never_redirect_to_a_registered_uri(oauth_server: ServerProcess) -> None:
    """The attack as written: register any https redirect URI, then send people an /authorize link
    with a broken parameter; the server must not bounce them to that URI."""
    base = oauth_server.url
    evil = register(base, redirect_uri="https://evil.example/")
    _, challenge = pkce_pair()
    good = authorize_url(base, evil["client_id"], challenge, scope="read", resource=base + "/mcp", redirect_uri="https://evil.example/")
    broken = [
        good.replace("response_type=code", "response_type=token"),
        good.replace("code_challenge_method=S256", "code_challenge_method=plain"),
        good.replace("scope=read", "scope=admin"),
        good.replace("resource=", "resource=https%3A%2F%2Fother.example%2F&x="),
    ]
    with httpx2.Client(timeout=10, follow_redirects=False) as http:
        for url in broken:
            r = http.get(url)
            assert r.status_code == 400 and "location" not in r.headers, (url, r.status_code, r.headers.get("location"))
            assert r.headers["content-type"].startswith("text/html") and "cannot accept" in r.text, r.text[:500]
        # The consent form's POST answers the same way when its parameters are broken.
        r = http.post(f"{base}/authorize", data={"client_id": evil["client_id"], "redirect_uri": "https://evil.example/", "response_type": "token",
                                                "decision": "approve"})
        assert r.status_code == 400 and "location" not in r.headers, (r.status_code, r.headers)
        # After the person has seen the page, a deny still goes back to the client (RFC 9700 §4.11 allows it).
        page = http.get(good)
        assert page.status_code == 200


# --- Issue 14.4: login-link phishing -----------------------------------------------------------------


@pytest.fixture()
def short_link_server(tmp_path: Path) -> Iterator[ServerProcess]:
    srv = ServerProcess(name="short-links", args=[], env=oauth_env({"DISCOGS_MCP_LOGIN_LINK_SECONDS": "3"}), workdir=tmp_path)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


async def test_login_link_page_warns_needs_the_typed_code_expires_and_grants_read(short_link_server: ServerProcess) -> None:
    url = f"{short_link_server.url}/sse"
    async with Client(sse_client(url), mode="legacy", client_info=Implementation(name="Phish Test Client", version="1")) as c:
        status = (await c.call_tool("auth_status", {})).structured_content
        link, code = status["loginUrl"], status["loginCode"]
        page = await anyio.to_thread.run_sync(lambda: httpx2.get(link, timeout=10))
        assert page.status_code == 200
        assert code not in page.text, "the code must be typed, not read off the page"
        assert "Only continue if you started this from your own app in the last few minutes" in page.text
        assert "Phish Test Client" in page.text and "127.0.0.1" in page.text and "UTC" in page.text, page.text
        # Approving without the code (the phishing victim does not have it) goes nowhere.
        with pytest.raises(BrowserStop) as stop:
            await anyio.to_thread.run_sync(lambda: play_browser(link, stop_at="http://never.invalid/"))
        assert stop.value.status == 403 and "does not match" in stop.value.text, stop.value.text[:400]
        # The person who started it types the code; defaults leave only read ticked.
        with pytest.raises(BrowserStop) as done:
            await anyio.to_thread.run_sync(lambda: play_browser(link, stop_at="http://never.invalid/", fill={"code": code}))
        assert done.value.status == 200 and "Signed in" in done.value.text, done.value.text[:400]
        after = (await c.call_tool("auth_status", {})).structured_content
        assert after["authenticated"] is True and after["scopes"] == ["read"], after
        assert "create_folder" not in {t.name for t in (await c.list_tools(cache_mode="bypass")).tools}

    async with Client(sse_client(url), mode="legacy") as c:
        link = (await c.call_tool("auth_status", {})).structured_content["loginUrl"]
        await anyio.sleep(4)
        expired = await anyio.to_thread.run_sync(lambda: httpx2.get(link, timeout=10))
        assert expired.status_code == 404 and "expired" in expired.text, expired.text[:300]


# --- Issue 17.3: consent POSTs cannot drain the Discogs budget ---------------------------------------


@pytest.fixture()
def tight_budget_server(tmp_path: Path) -> Iterator[ServerProcess]:
    # 12 Discogs requests a minute for the whole process (the sandbox enforces the same), 4 login starts an hour per address.
    env = oauth_env({"DISCOGS_MCP_DISCOGS_REQUESTS_PER_MINUTE": "12", "DISCOGS_MCP_LOGIN_STARTS_PER_HOUR": "4"})
    srv = ServerProcess(name="tight-budget", args=[], env=env, workdir=tmp_path)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def consent_page(http: httpx2.Client, url: str) -> tuple[dict[str, str], str]:
    page = http.get(url)
    assert page.status_code == 200, page.text[:300]
    form = ConsentForm("approve")
    form.feed(page.text)
    cookie = page.headers["set-cookie"].split(";", 1)[0]
    return form.fields, cookie


def test_consent_post_loop_stops_at_the_cap_and_tool_calls_are_not_starved(tight_budget_server: ServerProcess) -> None:
    base = tight_budget_server.url
    tokens = obtain_tokens(base)  # one login start (3 Discogs calls)
    client = register(base)
    _, challenge = pkce_pair()
    url = authorize_url(base, client["client_id"], challenge, scope=None, resource=base + "/mcp")
    statuses: list[int] = []

    with httpx2.Client(timeout=60, follow_redirects=False) as http:
        # One page re-posted: the token is single use.
        fields, cookie = consent_page(http, url)
        first = http.post(f"{base}/authorize", data=fields, headers={"Cookie": cookie})
        statuses.append(first.status_code)
        again = http.post(f"{base}/authorize", data=fields, headers={"Cookie": cookie})
        assert again.status_code == 403 and "already submitted" in again.text, again.text[:300]

        def loop() -> None:
            with httpx2.Client(timeout=60, follow_redirects=False) as loop_http:
                for _ in range(5):
                    f, c = consent_page(loop_http, url)
                    statuses.append(loop_http.post(f"{base}/authorize", data=f, headers={"Cookie": c}).status_code)

        # Three attackers in parallel, 15 consent POSTs; once 9 have been answered (more than the whole
        # budget of 12 a minute would allow after the sign-in above), a signed-in user's tool call runs.
        attackers = [threading.Thread(target=loop) for _ in range(3)]
        for attacker in attackers:
            attacker.start()
        deadline = time.monotonic() + 60
        while len(statuses) < 9 and time.monotonic() < deadline:
            time.sleep(0.05)
        call = http.post(tight_budget_server.mcp_url, headers={
            "Authorization": f"Bearer {tokens['access_token']}", "Accept": "application/json, text/event-stream", "Content-Type": "application/json",
            "MCP-Protocol-Version": MODERN_VERSION, "Mcp-Method": "tools/call", "Mcp-Name": "search_database",
        }, json={"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {
            "name": "search_database", "arguments": {"query": "budget probe"},
            "_meta": {"io.modelcontextprotocol/protocolVersion": MODERN_VERSION, "io.modelcontextprotocol/clientInfo": {"name": "e2e", "version": "1"},
                      "io.modelcontextprotocol/clientCapabilities": {}}}})
        for attacker in attackers:
            attacker.join(timeout=120)
        assert not any(attacker.is_alive() for attacker in attackers)
    assert call.status_code == 200, call.text
    result = call.json()["result"]
    assert result.get("isError") is not True, result
    # 1 login start for the token + 3 more allowed; everything after is 429.
    assert sorted(statuses) == [302] * 3 + [429] * 13, statuses
    metrics = httpx2.get(f"{base}/metrics", timeout=10).text
    assert re.search(r'^discogs_mcp_oauth_failures_total\{reason="login_start_limited"\} 13(\.0)?$', metrics, re.M), metrics[-2000:]

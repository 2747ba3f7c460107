"""Resource exhaustion (issues 14 and 17): what one client can make the server hold.

Each test runs the attack as written in the issue against a server with small configured limits
and checks that the server refuses it cleanly while everyone else is still served.
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlparse

import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from conftest import ACCEPT_BOTH, ServerProcess, _serve, describe, oauth_env, rpc_body, server_env
from oauth_helper import obtain_tokens

JSON = "application/json"
IO_TIMEOUT = 20.0


def _init(version: str) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": {"protocolVersion": version, "capabilities": {}, "clientInfo": {"name": "e2e-hardening", "version": "1"}}}


def _session(http: httpx2.Client, version: str, headers: dict[str, str] | None = None) -> str:
    h = {"Content-Type": JSON, "Accept": ACCEPT_BOTH, **(headers or {})}
    resp = http.post("/mcp", content=json.dumps(_init(version)), headers=h)
    assert resp.status_code == 200, describe(resp)
    sid = resp.headers["mcp-session-id"]
    http.post("/mcp", content=json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}),
              headers={**h, "Mcp-Session-Id": sid, "MCP-Protocol-Version": version})
    return sid


def _open_raw_stream(port: int, path: str = "/sse", headers: dict[str, str] | None = None) -> tuple[socket.socket, bytes]:
    """Sends a GET for an event stream on a raw socket; returns the socket and what arrived first."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=IO_TIMEOUT)
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n{extra}\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return sock, data


def _status(head: bytes) -> int:
    try:
        return int(head.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


def _closed_by_server(sock: socket.socket, deadline: float) -> bool:
    """Reads until EOF (True) or the deadline (False)."""
    while time.monotonic() < deadline:
        sock.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            if not sock.recv(65536):
                return True
        except socket.timeout:
            return False
        except OSError:
            return True
    return False


# --- issue 14 point 8: batches ---------------------------------------------------------------------


def test_batch_of_101_is_one_error_and_100_is_served(server: ServerProcess) -> None:
    with httpx2.Client(base_url=server.url, timeout=IO_TIMEOUT) as http:
        sid = _session(http, "2025-03-26")
        h = {"Content-Type": JSON, "Accept": ACCEPT_BOTH, "Mcp-Session-Id": sid, "MCP-Protocol-Version": "2025-03-26"}
        big = [{"jsonrpc": "2.0", "id": i, "method": "ping"} for i in range(101)]
        resp = http.post("/mcp", content=json.dumps(big), headers=h)
        assert resp.status_code == 400, describe(resp)
        body = rpc_body(resp)
        assert isinstance(body, dict) and body["error"]["code"] == -32600 and body.get("id") is None, describe(resp)
        assert "at most 100" in body["error"]["message"], describe(resp)
        ok = http.post("/mcp", content=json.dumps(big[:100]), headers=h)
        assert ok.status_code == 200 and len(rpc_body(ok)) == 100, describe(ok)


@pytest.fixture(scope="module")
def limited_server(e2e_tmp: Path) -> Iterator[ServerProcess]:
    """Anonymous callers get 20 requests of burst; batches must pay per message."""
    env = server_env({"DISCOGS_MCP_RATE_LIMIT_PER_MINUTE": "60", "DISCOGS_MCP_IP_RATE_LIMIT_PER_MINUTE": "60"})
    yield from _serve("hardening-limited", e2e_tmp, env=env)


def test_batch_items_count_against_the_limiter(limited_server: ServerProcess) -> None:
    with httpx2.Client(base_url=limited_server.url, timeout=IO_TIMEOUT) as http:
        sid = _session(http, "2025-03-26")  # two requests of the burst of 12 (60/5)
        h = {"Content-Type": JSON, "Accept": ACCEPT_BOTH, "Mcp-Session-Id": sid, "MCP-Protocol-Version": "2025-03-26"}
        batch = [{"jsonrpc": "2.0", "id": i, "method": "ping"} for i in range(8)]
        first = http.post("/mcp", content=json.dumps(batch), headers=h)
        assert first.status_code == 200, describe(first)
        second = http.post("/mcp", content=json.dumps(batch), headers=h)
        assert second.status_code == 429 and second.headers.get("retry-after"), describe(second)


# --- issue 14 point 8: registrations per address per hour -----------------------------------------


@pytest.fixture(scope="module")
def registration_server(e2e_tmp: Path) -> Iterator[ServerProcess]:
    yield from _serve("hardening-registration", e2e_tmp, env=oauth_env({"DISCOGS_MCP_REGISTRATIONS_PER_HOUR": "3"}))


def test_registrations_per_address_per_hour(registration_server: ServerProcess) -> None:
    body = {"client_name": "flood", "redirect_uris": ["http://127.0.0.1:9/cb"], "token_endpoint_auth_method": "none"}
    statuses = [httpx2.post(f"{registration_server.url}{path}", json=body, timeout=IO_TIMEOUT).status_code
                for path in ("/register", "/register/", "//register", "/register")]
    assert statuses == [201, 201, 201, 429], statuses


# --- issue 17 point 6: connection timeouts ---------------------------------------------------------


@pytest.fixture(scope="module")
def timeout_server(e2e_tmp: Path) -> Iterator[ServerProcess]:
    yield from _serve("hardening-timeouts", e2e_tmp,
                      ["--idle-timeout-seconds", "2", "--body-timeout-seconds", "2", "--keep-alive-seconds", "1"])


def test_silent_connection_is_closed(timeout_server: ServerProcess) -> None:
    sock = socket.create_connection(("127.0.0.1", timeout_server.port), timeout=IO_TIMEOUT)
    try:
        assert _closed_by_server(sock, time.monotonic() + 15), "a connection that sends nothing must be closed by the idle timeout"
    finally:
        sock.close()


def test_headers_sent_slowly_are_cut(timeout_server: ServerProcess) -> None:
    sock = socket.create_connection(("127.0.0.1", timeout_server.port), timeout=IO_TIMEOUT)
    try:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        deadline = time.monotonic() + 15
        closed = False
        while time.monotonic() < deadline and not closed:
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                closed = True
                break
            closed = _closed_by_server(sock, time.monotonic() + 1.5)
        assert closed, "headers trickled one line at a time must not hold the connection forever"
    finally:
        sock.close()


def test_body_trickled_is_cut(timeout_server: ServerProcess) -> None:
    sock = socket.create_connection(("127.0.0.1", timeout_server.port), timeout=IO_TIMEOUT)
    try:
        sock.sendall(b"POST /mcp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                     b"Content-Length: 1000\r\n\r\n")
        deadline = time.monotonic() + 15
        closed = False
        while time.monotonic() < deadline and not closed:
            try:
                sock.sendall(b" ")  # each byte arrives well inside the idle timeout
            except OSError:
                closed = True
                break
            closed = _closed_by_server(sock, time.monotonic() + 0.5)
        assert closed, "a body trickled a byte at a time must be cut by the body timeout"
    finally:
        sock.close()
    assert httpx2.get(f"{timeout_server.url}/healthz", timeout=IO_TIMEOUT).status_code == 200


def test_event_stream_outlives_the_idle_timeout(timeout_server: ServerProcess) -> None:
    """An SSE stream sends only keep-alives for 3x the idle timeout and stays open and usable."""
    sock, head = _open_raw_stream(timeout_server.port)
    try:
        assert _status(head) == 200, head
        data = head
        endpoint = None
        start = time.monotonic()
        while time.monotonic() - start < 7:
            sock.settimeout(5)
            chunk = sock.recv(65536)
            assert chunk, f"the stream was closed after {time.monotonic() - start:.1f} s: {data[-500:]!r}"
            data += chunk
            for line in data.decode("utf-8", "replace").splitlines():
                if line.startswith("data: /") and "sessionId=" in line:
                    endpoint = line[len("data: "):].strip()
        assert endpoint, data
        assert data.count(b"keep-alive") >= 3, data[-500:]
        ping = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
                "params": {"protocolVersion": "2024-11-05", "capabilities": {}, "clientInfo": {"name": "x", "version": "1"}}}
        resp = httpx2.post(timeout_server.url + endpoint, json=ping, timeout=IO_TIMEOUT)
        assert resp.status_code == 202, describe(resp)
        sock.settimeout(10)
        answer = b""
        while b'"protocolVersion"' not in answer:
            chunk = sock.recv(65536)
            assert chunk, answer
            answer += chunk
    finally:
        sock.close()


# --- issue 14 point 3: anonymous streams cannot lock signed-in users out ---------------------------


@pytest.fixture(scope="module")
def capped_server(e2e_tmp: Path) -> Iterator[ServerProcess]:
    env = oauth_env({"DISCOGS_MCP_MAX_SESSIONS": "10", "DISCOGS_MCP_SIGNED_IN_RESERVED_PERCENT": "30",
                     "DISCOGS_MCP_MAX_SESSIONS_PER_ADDRESS": "1000"})
    yield from _serve("hardening-capped", e2e_tmp, env=env)


@pytest.mark.anyio
async def test_anonymous_streams_leave_room_for_signed_in_clients(capped_server: ServerProcess) -> None:
    held: list[socket.socket] = []
    statuses: list[int] = []
    try:
        for _ in range(30):
            sock, head = _open_raw_stream(capped_server.port)
            statuses.append(_status(head))
            if _status(head) == 200:
                held.append(sock)
            else:
                sock.close()
        assert statuses.count(200) == 7 and statuses.count(503) == 23, statuses
        tokens = obtain_tokens(capped_server.url, scope="read")
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        async with httpx2.AsyncClient(headers=headers, timeout=IO_TIMEOUT) as http:
            async with Client(streamable_http_client(capped_server.mcp_url, http_client=http)) as client:
                names = {t.name for t in (await client.list_tools()).tools}
                assert "auth_status" in names
    finally:
        for sock in held:
            sock.close()


@pytest.fixture(scope="module")
def per_address_server(e2e_tmp: Path) -> Iterator[ServerProcess]:
    env = oauth_env({"DISCOGS_MCP_MAX_SESSIONS_PER_ADDRESS": "3", "DISCOGS_MCP_KEEP_ALIVE_SECONDS": "1"})
    yield from _serve("hardening-per-address", e2e_tmp, env=env)


def test_anonymous_streams_per_address(per_address_server: ServerProcess) -> None:
    held: list[socket.socket] = []
    try:
        statuses = []
        for _ in range(5):
            sock, head = _open_raw_stream(per_address_server.port)
            statuses.append(_status(head))
            held.append(sock)
        assert statuses == [200, 200, 200, 429, 429], statuses
        held.pop(0).close()
        # The server notices the closed stream at its next write (keep-alive); then the place is free.
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            sock, head = _open_raw_stream(per_address_server.port)
            held.append(sock)
            if _status(head) == 200:
                break
            time.sleep(1)
        else:
            raise AssertionError("a closed stream's place was never freed")
    finally:
        for sock in held:
            sock.close()


# --- issue 17 point 7: after a login-link sign-in, the session id alone is not a bearer ------------


class _Events:
    """Reads `event`/`data` pairs from a streaming httpx2 response."""

    def __init__(self, resp: httpx2.Response) -> None:
        self.lines = resp.iter_lines()

    def next(self) -> tuple[str, str]:
        event, data = "message", []
        for line in self.lines:
            if line == "":
                if data:
                    return event, "\n".join(data)
                event = "message"
                continue
            if line.startswith(":"):
                continue
            key, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if key == "event":
                event = value
            elif key == "data":
                data.append(value)
        raise AssertionError("the stream ended")

    def answer(self, id: int) -> dict[str, Any]:
        while True:
            event, data = self.next()
            message = json.loads(data) if event == "message" else {}
            if message.get("id") == id:
                return message


def test_signed_in_legacy_session_needs_the_stream_key(oauth_server: ServerProcess) -> None:
    from oauth_helper import BrowserStop, play_browser

    with httpx2.Client(base_url=oauth_server.url, timeout=IO_TIMEOUT) as http, http.stream("GET", "/sse") as stream:
        assert stream.status_code == 200
        events = _Events(stream)
        name, endpoint = events.next()
        assert name == "endpoint" and "key=" in endpoint, endpoint
        session_id = parse_qs(urlparse(endpoint).query)["sessionId"][0]
        bare = f"/messages?sessionId={session_id}"

        def post(path: str, message: dict[str, Any]) -> httpx2.Response:
            return http.post(path, json=message)

        assert post(bare, _init("2025-06-18")).status_code == 202, "before sign-in the session id alone still works"
        events.answer(0)
        post(bare, {"jsonrpc": "2.0", "method": "notifications/initialized"})
        assert post(endpoint, {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "auth_status", "arguments": {}}}).status_code == 202
        status = events.answer(1)["result"]["structuredContent"]
        try:
            play_browser(status["loginUrl"], stop_at="http://never.invalid/")
            raise AssertionError("the login flow should end on the signed-in page")
        except BrowserStop as stop:
            assert stop.status == 200, stop

        # Someone who learnt the session id (a proxy log) cannot act as the signed-in account.
        who = {"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "auth_status", "arguments": {}}}
        stolen = post(bare, who)
        assert stolen.status_code == 404, describe(stolen)
        forged = post(bare + "&key=" + "0" * 32, who)
        assert forged.status_code == 404, describe(forged)
        # The stream's own client, posting to the endpoint URL it was given, goes on as the account.
        assert post(endpoint, who).status_code == 202
        assert events.answer(2)["result"]["structuredContent"]["authenticated"] is True

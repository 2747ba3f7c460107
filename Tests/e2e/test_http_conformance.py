"""Raw-HTTP conformance: one test per wire rule of the MCP protocol reference (shared/reference/mcp-protocol.md).

Every request is built by hand with httpx2 so the exact status, headers and body are visible in
the assertion message (see `conftest.describe`).
"""

from __future__ import annotations

import base64
import json
import re
import time
from typing import Any, Iterator
from urllib.parse import parse_qs, urljoin, urlparse

import httpx2
import pytest

from conftest import (
    ACCEPT_BOTH,
    ALLOWED_ORIGIN,
    LEGACY_VERSIONS,
    MODERN_VERSION,
    ServerProcess,
    describe,
    rpc_body,
)
from sse_reader import SSEReader

JSON = "application/json"
EXPECTED_TOOLS = {"ping", "server_info", "auth_status"}
TOOL_NAME_RE = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


# --- helpers ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def http(server: ServerProcess) -> Iterator[httpx2.Client]:
    with httpx2.Client(base_url=server.url, timeout=httpx2.Timeout(15.0), follow_redirects=False) as client:
        yield client


def request(id: Any, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    msg: dict[str, Any] = {"jsonrpc": "2.0", "id": id, "method": method}
    if params is not None:
        msg["params"] = params
    return msg


def notification(method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    msg: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
    if params is not None:
        msg["params"] = params
    return msg


def init_params(version: str) -> dict[str, Any]:
    return {"protocolVersion": version, "capabilities": {}, "clientInfo": {"name": "e2e-raw", "version": "0.0.1"}}


def post(
    http: httpx2.Client,
    body: Any = None,
    *,
    path: str = "/mcp",
    session: str | None = None,
    version: str | None = None,
    headers: dict[str, str] | None = None,
    content: bytes | None = None,
) -> httpx2.Response:
    h = {"Content-Type": JSON, "Accept": ACCEPT_BOTH}
    if session is not None:
        h["Mcp-Session-Id"] = session
    if version is not None:
        h["MCP-Protocol-Version"] = version
    h.update(headers or {})
    data = content if content is not None else json.dumps(body).encode()
    return http.post(path, content=data, headers=h)


def initialize(http: httpx2.Client, version: str = "2025-11-25", *, path: str = "/mcp", headers: dict[str, str] | None = None) -> tuple[str, dict[str, Any], httpx2.Response]:
    resp = post(http, request(1, "initialize", init_params(version)), path=path, headers=headers)
    assert resp.status_code == 200, f"initialize failed{describe(resp)}"
    body = rpc_body(resp)
    assert "result" in body, f"initialize returned no result{describe(resp)}"
    sid = resp.headers.get("mcp-session-id")
    assert sid, f"initialize response has no Mcp-Session-Id header{describe(resp)}"
    return sid, body["result"], resp


class Session:
    """A legacy Streamable HTTP session, sending the headers a conforming client sends."""

    def __init__(self, http: httpx2.Client, version: str = "2025-11-25", *, initialized: bool = True, path: str = "/mcp") -> None:
        self.http = http
        self.path = path
        self.id, self.init_result, _ = initialize(http, version, path=path)
        self.version = self.init_result["protocolVersion"]
        self._next = 100
        if initialized:
            resp = self.post(notification("notifications/initialized"))
            assert resp.status_code == 202, f"notifications/initialized{describe(resp)}"

    def post(self, body: Any = None, *, content: bytes | None = None, headers: dict[str, str] | None = None, path: str | None = None) -> httpx2.Response:
        # MCP-Protocol-Version is sent after the handshake from 2025-06-18 on (reference §3.3).
        version = self.version if self.version >= "2025-06-18" else None
        return post(self.http, body, path=path or self.path, session=self.id, version=version, headers=headers, content=content)

    def call(self, method: str, params: dict[str, Any] | None = None) -> tuple[httpx2.Response, dict[str, Any]]:
        self._next += 1
        resp = self.post(request(self._next, method, params))
        return resp, rpc_body(resp)

    def result(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        resp, body = self.call(method, params)
        assert resp.status_code == 200 and "result" in body, f"{method} failed{describe(resp)}"
        assert body.get("id") == self._next, f"response id mismatch{describe(resp)}"
        return body["result"]


def expect_error(resp: httpx2.Response, status: int | tuple[int, ...], code: int) -> dict[str, Any]:
    statuses = (status,) if isinstance(status, int) else status
    assert resp.status_code in statuses, f"expected HTTP {statuses}{describe(resp)}"
    ctype = resp.headers.get("content-type", "")
    assert ctype.startswith(JSON) or ctype.startswith("text/event-stream"), f"error body not JSON{describe(resp)}"
    body = rpc_body(resp)
    assert isinstance(body, dict) and isinstance(body.get("error"), dict), f"no JSON-RPC error{describe(resp)}"
    assert body.get("jsonrpc") == "2.0", f"error lacks jsonrpc 2.0{describe(resp)}"
    assert body["error"].get("code") == code, f"expected JSON-RPC error {code}{describe(resp)}"
    assert isinstance(body["error"].get("message"), str), f"error lacks a message{describe(resp)}"
    return body


def expect_202_empty(resp: httpx2.Response) -> None:
    assert resp.status_code == 202, f"expected 202{describe(resp)}"
    assert resp.content == b"", f"202 must have an empty body{describe(resp)}"


def modern_meta(version: str = MODERN_VERSION) -> dict[str, Any]:
    return {
        "io.modelcontextprotocol/protocolVersion": version,
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "e2e-raw", "version": "0.0.1"},
    }


def modern_post(
    http: httpx2.Client,
    method: str,
    params: dict[str, Any] | None = None,
    *,
    id: Any = 1,
    version: str = MODERN_VERSION,
    meta: dict[str, Any] | None | bool = True,
    headers: dict[str, str] | None = None,
    drop: tuple[str, ...] = (),
) -> httpx2.Response:
    p = dict(params or {})
    if meta is True:
        p["_meta"] = modern_meta(version)
    elif isinstance(meta, dict):
        p["_meta"] = meta
    h = {"Mcp-Method": method}
    if method == "tools/call" and "name" in p:
        h["Mcp-Name"] = str(p["name"])
    h.update(headers or {})
    for name in drop:
        h.pop(name, None)
    return post(http, request(id, method, p), version=version, headers=h)


def b64_sentinel(value: str) -> str:
    return "=?base64?" + base64.b64encode(value.encode()).decode() + "?="


# --- legacy handshake --------------------------------------------------------------------------------


@pytest.mark.parametrize("version", LEGACY_VERSIONS)
def test_initialize_echoes_supported_revision(http: httpx2.Client, version: str) -> None:
    sid, result, resp = initialize(http, version)
    assert result["protocolVersion"] == version, f"requested {version}{describe(resp)}"
    assert isinstance(result.get("capabilities", {}).get("tools"), dict), f"capabilities.tools missing{describe(resp)}"
    info = result.get("serverInfo") or {}
    assert info.get("name") == "discogs-mcp" and info.get("version"), f"serverInfo{describe(resp)}"
    assert "resultType" not in result, f"legacy results never carry resultType{describe(resp)}"


def test_initialize_unknown_revision_answers_latest(http: httpx2.Client) -> None:
    _, result, resp = initialize(http, "1999-01-01")
    assert result["protocolVersion"] == "2025-11-25", describe(resp)


def test_session_id_is_visible_ascii(http: httpx2.Client) -> None:
    sid, _, resp = initialize(http)
    assert re.fullmatch(r"[\x21-\x7e]+", sid), f"Mcp-Session-Id must be visible ASCII{describe(resp)}"
    sid2, _, _ = initialize(http)
    assert sid2 != sid, "two initializes got the same session id"


def test_initialized_notification_202_empty(http: httpx2.Client) -> None:
    s = Session(http, initialized=False)
    expect_202_empty(s.post(notification("notifications/initialized")))


def test_unknown_notification_202_empty(http: httpx2.Client) -> None:
    s = Session(http)
    expect_202_empty(s.post(notification("notifications/e2e-unknown", {"x": 1})))


def test_cancelled_notification_202_empty(http: httpx2.Client) -> None:
    s = Session(http)
    expect_202_empty(s.post(notification("notifications/cancelled", {"requestId": 999, "reason": "e2e"})))


def test_tools_list_before_initialized_is_answered(http: httpx2.Client) -> None:
    s = Session(http, initialized=False)
    names = {t["name"] for t in s.result("tools/list")["tools"]}
    assert EXPECTED_TOOLS <= names


def test_ping(http: httpx2.Client) -> None:
    s = Session(http)
    assert s.result("ping") == {}


@pytest.mark.parametrize("version", LEGACY_VERSIONS)
def test_tools_list_shape(http: httpx2.Client, version: str) -> None:
    s = Session(http, version)
    tools = s.result("tools/list")["tools"]
    names = [t["name"] for t in tools]
    assert EXPECTED_TOOLS <= set(names), names
    assert len(names) == len(set(names)), f"duplicate tool names {names}"
    for t in tools:
        assert TOOL_NAME_RE.match(t["name"]), t["name"]
        assert isinstance(t.get("inputSchema"), dict) and t["inputSchema"].get("type") == "object", t
        if version < "2025-06-18":
            assert "outputSchema" not in t, f"outputSchema sent to a {version} session: {t}"
    if version >= "2025-06-18":
        info = next(t for t in tools if t["name"] == "server_info")
        assert isinstance(info.get("outputSchema"), dict) and info["outputSchema"].get("type") == "object", info


@pytest.mark.parametrize("version", ["2025-03-26", "2025-11-25"])
def test_tools_call_server_info(http: httpx2.Client, version: str) -> None:
    s = Session(http, version)
    result = s.result("tools/call", {"name": "server_info", "arguments": {}})
    assert result.get("isError") in (None, False), result
    assert any(c.get("type") == "text" for c in result["content"]), result
    if version < "2025-06-18":
        assert "structuredContent" not in result, result
    else:
        sc = result.get("structuredContent")
        assert isinstance(sc, dict) and sc.get("name") == "discogs-mcp", result


def test_unknown_tool_is_invalid_params(http: httpx2.Client) -> None:
    s = Session(http)
    resp, _ = s.call("tools/call", {"name": "no_such_tool", "arguments": {}})
    expect_error(resp, 200, -32602)


def test_legacy_session_accepts_its_version_header_and_none(http: httpx2.Client) -> None:
    s = Session(http, "2025-06-18")
    resp = post(http, request(5, "ping"), session=s.id, version="2025-06-18")
    assert resp.status_code == 200 and rpc_body(resp).get("result") == {}, describe(resp)
    resp = post(http, request(6, "ping"), session=s.id)
    assert resp.status_code == 200 and rpc_body(resp).get("result") == {}, describe(resp)


def test_legacy_session_rejects_garbage_version_header(http: httpx2.Client) -> None:
    s = Session(http)
    resp = post(http, request(7, "ping"), session=s.id, version="not-a-version")
    assert resp.status_code == 400, describe(resp)


# --- sessions -------------------------------------------------------------------------------------------


def test_missing_session_400(http: httpx2.Client) -> None:
    resp = post(http, request(1, "tools/list"))
    assert resp.status_code == 400, describe(resp)


def test_unknown_session_404(http: httpx2.Client) -> None:
    resp = post(http, request(1, "tools/list"), session="e2e-unknown-session-id-0000")
    assert resp.status_code == 404, describe(resp)


def test_notification_with_unknown_session_404(http: httpx2.Client) -> None:
    resp = post(http, notification("notifications/initialized"), session="e2e-unknown-session-id-0001")
    assert resp.status_code == 404, describe(resp)


def test_delete_ends_session(http: httpx2.Client) -> None:
    s = Session(http)
    resp = http.delete("/mcp", headers={"Mcp-Session-Id": s.id, "MCP-Protocol-Version": s.version})
    assert resp.status_code in (200, 204), describe(resp)
    resp = s.post(request(2, "tools/list"))
    assert resp.status_code == 404, f"ended session must answer 404{describe(resp)}"
    resp = s.post(notification("notifications/initialized"))
    assert resp.status_code == 404, f"ended session must answer 404{describe(resp)}"


def test_get_stream_of_ended_session_404(http: httpx2.Client) -> None:
    s = Session(http)
    resp = http.delete("/mcp", headers={"Mcp-Session-Id": s.id})
    assert resp.status_code in (200, 204), describe(resp)
    with http.stream("GET", "/mcp", headers={"Accept": "text/event-stream", "Mcp-Session-Id": s.id}) as resp:
        status = resp.status_code
    assert status == 404, f"GET /mcp with an ended session answered {status}"


def test_delete_without_session_405(http: httpx2.Client) -> None:
    resp = http.delete("/mcp")
    assert resp.status_code == 405, describe(resp)


def test_get_without_session_405(http: httpx2.Client) -> None:
    resp = http.get("/mcp", headers={"Accept": "text/event-stream"})
    assert resp.status_code == 405, describe(resp)


# --- request validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "https://attacker.example:8443", "null"]
)
def test_bad_origin_403_on_initialize(http: httpx2.Client, origin: str) -> None:
    resp = post(http, request(1, "initialize", init_params("2025-11-25")), headers={"Origin": origin})
    assert resp.status_code == 403, describe(resp)
    assert "mcp-session-id" not in resp.headers, describe(resp)


def test_bad_origin_403_on_session_request(http: httpx2.Client) -> None:
    s = Session(http)
    resp = s.post(request(2, "tools/list"), headers={"Origin": "http://evil.example"})
    assert resp.status_code == 403, describe(resp)


def test_bad_origin_403_on_modern_request(http: httpx2.Client) -> None:
    resp = modern_post(http, "server/discover", headers={"Origin": "http://evil.example"})
    assert resp.status_code == 403, describe(resp)


def test_bad_origin_403_on_sse(http: httpx2.Client) -> None:
    with http.stream("GET", "/sse", headers={"Accept": "text/event-stream", "Origin": "http://evil.example"}) as resp:
        status = resp.status_code
    assert status == 403, f"GET /sse with a bad Origin answered {status}"


@pytest.mark.parametrize("origin", ["http://localhost:6274", "http://127.0.0.1:3000", ALLOWED_ORIGIN])
def test_allowed_origins(http: httpx2.Client, origin: str) -> None:
    initialize(http, headers={"Origin": origin})


def test_text_plain_415(http: httpx2.Client) -> None:
    resp = post(http, request(1, "initialize", init_params("2025-11-25")), headers={"Content-Type": "text/plain"})
    assert resp.status_code == 415, describe(resp)


def test_text_plain_modern_rejected(http: httpx2.Client) -> None:
    resp = modern_post(http, "server/discover", headers={"Content-Type": "text/plain"})
    assert resp.status_code in (400, 415), describe(resp)


def test_json_content_type_with_charset_accepted(http: httpx2.Client) -> None:
    initialize(http, headers={"Content-Type": "application/json; charset=utf-8"})


def test_body_over_cap_413(http: httpx2.Client) -> None:
    big = json.dumps(request(1, "initialize", {**init_params("2025-11-25"), "pad": "x" * (2 * 1024 * 1024)})).encode()
    try:
        resp = post(http, content=big)
    except httpx2.TransportError as e:
        pytest.fail(f"2 MiB POST /mcp: connection dropped instead of 413 ({type(e).__name__}: {e})")
    assert resp.status_code == 413, describe(resp)


def test_body_just_under_cap_accepted(http: httpx2.Client) -> None:
    body = request(1, "initialize", {**init_params("2025-11-25"), "pad": ""})
    overhead = len(json.dumps(body).encode())
    body["params"]["pad"] = "x" * (1024 * 1024 - overhead - 16)
    data = json.dumps(body).encode()
    assert len(data) < 1024 * 1024
    resp = post(http, content=data)
    assert resp.status_code == 200 and "result" in rpc_body(resp), describe(resp)


def test_parse_error_32700(http: httpx2.Client) -> None:
    s = Session(http)
    resp = s.post(content=b'{"jsonrpc": "2.0", "id": 1, "method": ')
    body = expect_error(resp, 400, -32700)
    assert "id" in body and body["id"] is None, f"parse error must carry id null{describe(resp)}"


def test_parse_error_without_session_400(http: httpx2.Client) -> None:
    resp = post(http, content=b"{not json")
    expect_error(resp, 400, -32700)


@pytest.mark.parametrize(
    "raw",
    [
        {"foo": "bar"},
        {"jsonrpc": "2.0", "id": 3},
        {"jsonrpc": "1.0", "id": 3, "method": "ping"},
        {"id": 3, "method": "ping"},
        {"jsonrpc": "2.0", "id": 3, "method": 42},
        {"jsonrpc": "2.0", "id": None, "method": "ping"},
        {"jsonrpc": "2.0", "id": 1.5, "method": "ping"},
        {"jsonrpc": "2.0", "id": {"a": 1}, "method": "ping"},
        {"jsonrpc": "2.0", "id": True, "method": "ping"},
        "just a string",
        42,
    ],
    ids=["no-jsonrpc-fields", "no-method", "jsonrpc-1.0", "no-jsonrpc", "method-int", "id-null", "id-float", "id-object", "id-bool", "string", "number"],
)
def test_not_jsonrpc_32600(http: httpx2.Client, raw: Any) -> None:
    s = Session(http)
    expect_error(s.post(raw), 400, -32600)


def test_params_not_object_32602(http: httpx2.Client) -> None:
    s = Session(http)
    resp = s.post(request(9, "tools/list", None) | {"params": [1, 2]})
    expect_error(resp, (200, 400), -32602)


def test_unknown_method_32601(http: httpx2.Client) -> None:
    s = Session(http)
    resp, body = s.call("e2e/no-such-method")
    expect_error(resp, 200, -32601)
    assert body["id"] == s._next


@pytest.mark.parametrize("accept", ["*/*", None, "application/json", "text/event-stream", "application/json, text/event-stream"])
def test_lenient_accept(server: ServerProcess, accept: str | None) -> None:
    with httpx2.Client(base_url=server.url, timeout=15.0) as c:
        if accept is None:
            del c.headers["accept"]
        h = {"Content-Type": JSON}
        if accept is not None:
            h["Accept"] = accept
        resp = c.post("/mcp", content=json.dumps(request(1, "initialize", init_params("2025-11-25"))).encode(), headers=h)
        assert resp.request.headers.get("accept") == accept
        assert resp.status_code == 200, describe(resp)
        assert rpc_body(resp)["result"]["protocolVersion"] == "2025-11-25"
        if accept != "text/event-stream":
            assert resp.headers.get("content-type", "").startswith(JSON), f"reply JSON unless only SSE is accepted{describe(resp)}"


def test_trailing_slash_is_the_same_endpoint(http: httpx2.Client) -> None:
    s = Session(http, path="/mcp/")  # asserts 200 (a redirect would fail here)
    names = {t["name"] for t in s.result("tools/list")["tools"]}
    assert EXPECTED_TOOLS <= names
    resp = s.post(request(50, "ping"), path="/mcp")
    assert resp.status_code == 200, f"a session opened on /mcp/ must work on /mcp{describe(resp)}"
    s2 = Session(http, path="/mcp")
    resp = s2.post(request(51, "ping"), path="/mcp/")
    assert resp.status_code == 200, describe(resp)
    resp = http.delete("/mcp/", headers={"Mcp-Session-Id": s2.id})
    assert resp.status_code in (200, 204), describe(resp)


# --- batches --------------------------------------------------------------------------------------------


def test_batch_accepted_on_2025_03_26(http: httpx2.Client) -> None:
    s = Session(http, "2025-03-26")
    resp = s.post([request(10, "ping"), request(11, "tools/list"), notification("notifications/e2e-unknown")])
    assert resp.status_code == 200, describe(resp)
    body = rpc_body(resp)
    if isinstance(body, dict):
        body = [body]
    assert isinstance(body, list), describe(resp)
    by_id = {m.get("id"): m for m in body}
    assert set(by_id) == {10, 11}, f"batch must yield one response per request{describe(resp)}"
    assert by_id[10].get("result") == {}, describe(resp)
    assert EXPECTED_TOOLS <= {t["name"] for t in by_id[11]["result"]["tools"]}, describe(resp)


def test_batch_of_notifications_202_on_2025_03_26(http: httpx2.Client) -> None:
    s = Session(http, "2025-03-26", initialized=False)
    expect_202_empty(s.post([notification("notifications/initialized"), notification("notifications/e2e-unknown")]))


@pytest.mark.parametrize("version", ["2025-06-18", "2025-11-25", "2024-11-05"])
def test_batch_rejected_on_other_revisions(http: httpx2.Client, version: str) -> None:
    s = Session(http, version)
    expect_error(s.post([request(10, "ping"), request(11, "tools/list")]), 400, -32600)


def test_batch_without_session_rejected(http: httpx2.Client) -> None:
    resp = post(http, [request(1, "initialize", init_params("2025-03-26"))])
    assert resp.status_code == 400, describe(resp)


# --- GET stream --------------------------------------------------------------------------------------------


def test_get_stream_stays_open_with_keepalives(fast_keepalive_server: ServerProcess) -> None:
    with httpx2.Client(base_url=fast_keepalive_server.url, timeout=httpx2.Timeout(10.0, read=5.0)) as c:
        s = Session(c)
        headers = {"Accept": "text/event-stream", "Mcp-Session-Id": s.id, "MCP-Protocol-Version": s.version}
        with c.stream("GET", "/mcp", headers=headers) as resp:
            assert resp.status_code == 200, f"GET /mcp with a session answered {resp.status_code}: {resp.read()!r}"
            assert resp.headers.get("content-type", "").startswith("text/event-stream"), resp.headers
            assert resp.headers.get("x-accel-buffering", "").lower() == "no", resp.headers
            assert "no-cache" in resp.headers.get("cache-control", ""), resp.headers
            comments = 0
            start = time.monotonic()
            try:
                for line in resp.iter_lines():
                    if line.startswith(":"):
                        comments += 1
                    if comments >= 2 and time.monotonic() - start >= 2.0:
                        break
            except httpx2.ReadTimeout:
                pytest.fail(f"GET stream sent no keep-alive within 5 s (saw {comments} comments)")
            assert comments >= 2, f"GET stream closed after {time.monotonic() - start:.1f}s with {comments} keep-alive comments"
        # The session stays usable with its stream closed.
        assert s.result("ping") == {}


# --- 2026-07-28 --------------------------------------------------------------------------------------


def check_modern_result(resp: httpx2.Response) -> dict[str, Any]:
    assert resp.status_code == 200, describe(resp)
    assert "mcp-session-id" not in resp.headers, f"2026 responses never carry Mcp-Session-Id{describe(resp)}"
    body = rpc_body(resp)
    result = body.get("result")
    assert isinstance(result, dict), describe(resp)
    assert result.get("resultType") == "complete", f"2026 results must carry resultType{describe(resp)}"
    info = (result.get("_meta") or {}).get("io.modelcontextprotocol/serverInfo") or {}
    assert info.get("name") == "discogs-mcp" and info.get("version"), f"_meta serverInfo{describe(resp)}"
    return result


def test_discover_shape(http: httpx2.Client) -> None:
    resp = modern_post(http, "server/discover")
    result = check_modern_result(resp)
    versions = result.get("supportedVersions")
    assert isinstance(versions, list) and MODERN_VERSION in versions, describe(resp)
    assert not set(versions) & set(LEGACY_VERSIONS), f"supportedVersions lists modern versions only{describe(resp)}"
    assert isinstance(result.get("capabilities", {}).get("tools"), dict), describe(resp)
    assert isinstance(result.get("ttlMs"), int) and result["ttlMs"] >= 0, describe(resp)
    assert result.get("cacheScope") in ("public", "private"), describe(resp)
    assert "serverInfo" not in result, f"serverInfo lives in _meta in 2026{describe(resp)}"


def test_modern_tools_list(http: httpx2.Client) -> None:
    resp = modern_post(http, "tools/list")
    result = check_modern_result(resp)
    assert EXPECTED_TOOLS <= {t["name"] for t in result["tools"]}, describe(resp)
    assert isinstance(result.get("ttlMs"), int) and result["ttlMs"] >= 0, describe(resp)
    assert result.get("cacheScope") in ("public", "private"), describe(resp)


def test_modern_tools_call(http: httpx2.Client) -> None:
    resp = modern_post(http, "tools/call", {"name": "server_info", "arguments": {}})
    result = check_modern_result(resp)
    assert result.get("isError") in (None, False), describe(resp)
    assert (result.get("structuredContent") or {}).get("name") == "discogs-mcp", describe(resp)


def test_modern_ignores_session_header(http: httpx2.Client) -> None:
    resp = modern_post(http, "server/discover", headers={"Mcp-Session-Id": "e2e-not-a-session"})
    check_modern_result(resp)


def test_modern_missing_meta_32602(http: httpx2.Client) -> None:
    expect_error(modern_post(http, "server/discover", meta=None), 400, -32602)


def test_modern_meta_without_capabilities_32602(http: httpx2.Client) -> None:
    meta = {"io.modelcontextprotocol/protocolVersion": MODERN_VERSION}
    expect_error(modern_post(http, "server/discover", meta=meta), 400, -32602)


def test_modern_method_header_mismatch_32020(http: httpx2.Client) -> None:
    expect_error(modern_post(http, "server/discover", headers={"Mcp-Method": "tools/list"}), 400, -32020)


def test_modern_method_header_missing_32020(http: httpx2.Client) -> None:
    expect_error(modern_post(http, "server/discover", drop=("Mcp-Method",)), 400, -32020)


def test_modern_version_header_mismatch_32020(http: httpx2.Client) -> None:
    meta = modern_meta("2099-01-01")
    expect_error(modern_post(http, "server/discover", meta=meta), 400, -32020)


def test_modern_name_header_mismatch_32020(http: httpx2.Client) -> None:
    resp = modern_post(http, "tools/call", {"name": "server_info", "arguments": {}}, headers={"Mcp-Name": "ping"})
    expect_error(resp, 400, -32020)


def test_modern_name_header_missing_32020(http: httpx2.Client) -> None:
    resp = modern_post(http, "tools/call", {"name": "server_info", "arguments": {}}, drop=("Mcp-Name",))
    expect_error(resp, 400, -32020)


def test_modern_name_header_base64_sentinel(http: httpx2.Client) -> None:
    resp = modern_post(http, "tools/call", {"name": "server_info", "arguments": {}}, headers={"Mcp-Name": b64_sentinel("server_info")})
    check_modern_result(resp)


def test_modern_name_header_bad_base64_sentinel_32020(http: httpx2.Client) -> None:
    resp = modern_post(http, "tools/call", {"name": "server_info", "arguments": {}}, headers={"Mcp-Name": b64_sentinel("ping")})
    expect_error(resp, 400, -32020)


def test_modern_unsupported_version_32022(http: httpx2.Client) -> None:
    resp = modern_post(http, "server/discover", version="2099-01-01")
    body = expect_error(resp, 400, -32022)
    data = body["error"].get("data") or {}
    assert MODERN_VERSION in (data.get("supported") or []), describe(resp)
    assert data.get("requested") == "2099-01-01", describe(resp)


def test_modern_unknown_method_404_32601(http: httpx2.Client) -> None:
    expect_error(modern_post(http, "e2e/no-such-method"), 404, -32601)


def test_modern_ping_is_gone_404_32601(http: httpx2.Client) -> None:
    expect_error(modern_post(http, "ping"), 404, -32601)


def test_modern_initialize_with_envelope_404_32601(http: httpx2.Client) -> None:
    resp = modern_post(http, "initialize", init_params("2025-11-25"))
    expect_error(resp, 404, -32601)
    assert "mcp-session-id" not in resp.headers, describe(resp)


def test_modern_initialize_without_envelope_32602(http: httpx2.Client) -> None:
    expect_error(modern_post(http, "initialize", init_params("2025-11-25"), meta=None), 400, -32602)


def test_modern_unknown_tool_32602(http: httpx2.Client) -> None:
    expect_error(modern_post(http, "tools/call", {"name": "no_such_tool", "arguments": {}}), 400, -32602)


def test_modern_batch_rejected_32600(http: httpx2.Client) -> None:
    msg = request(1, "server/discover", {"_meta": modern_meta()})
    resp = post(http, [msg], version=MODERN_VERSION, headers={"Mcp-Method": "server/discover"})
    expect_error(resp, 400, -32600)


def test_modern_notification_202(http: httpx2.Client) -> None:
    resp = post(http, notification("notifications/e2e-unknown", {"_meta": modern_meta()}), version=MODERN_VERSION, headers={"Mcp-Method": "notifications/e2e-unknown"})
    expect_202_empty(resp)


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_modern_get_delete_405(http: httpx2.Client, method: str) -> None:
    resp = http.request(method, "/mcp", headers={"MCP-Protocol-Version": MODERN_VERSION, "Accept": "text/event-stream"})
    assert resp.status_code == 405, describe(resp)
    assert "POST" in resp.headers.get("allow", ""), f"405 must carry Allow: POST{describe(resp)}"


def test_modern_subscriptions_listen_acknowledged(server: ServerProcess) -> None:
    """`tools.listChanged: true` is advertised, so subscriptions/listen must be served (reference §3.4)."""
    params = {"notifications": {"toolsListChanged": True}, "_meta": modern_meta()}
    headers = {"Content-Type": JSON, "Accept": ACCEPT_BOTH, "MCP-Protocol-Version": MODERN_VERSION, "Mcp-Method": "subscriptions/listen"}
    with httpx2.Client(base_url=server.url, timeout=httpx2.Timeout(10.0, read=5.0)) as c:
        with c.stream("POST", "/mcp", content=json.dumps(request(77, "subscriptions/listen", params)).encode(), headers=headers) as resp:
            assert resp.status_code == 200, f"subscriptions/listen answered {resp.status_code}: {resp.read()!r}"
            assert resp.headers.get("content-type", "").startswith("text/event-stream"), resp.headers
            first = SSEReader(resp).next_event()
        msg = json.loads(first["data"])
        assert msg.get("method") == "notifications/subscriptions/acknowledged", msg
        assert msg["params"]["_meta"]["io.modelcontextprotocol/subscriptionId"] == 77, msg
        assert msg["params"].get("notifications", {}).get("toolsListChanged") is True, msg


# --- legacy HTTP+SSE ----------------------------------------------------------------------------------------


def open_sse(c: httpx2.Client) -> Any:
    return c.stream("GET", "/sse", headers={"Accept": "text/event-stream"})


def read_endpoint(reader: SSEReader) -> str:
    ev = reader.next_event()
    assert ev["event"] == "endpoint", f"first SSE event must be 'endpoint', got {ev}"
    return ev["data"]


def test_post_sse_405(http: httpx2.Client) -> None:
    resp = post(http, request(1, "initialize", init_params("2025-11-25")), path="/sse")
    assert resp.status_code == 405, describe(resp)
    try:
        err = resp.json().get("error", {})
    except ValueError:
        err = {}
    assert err.get("code") not in (-32020, -32021, -32022), f"POST /sse must not answer a modern error{describe(resp)}"


def test_sse_transport_round_trip(server: ServerProcess) -> None:
    with httpx2.Client(base_url=server.url, timeout=httpx2.Timeout(10.0, read=10.0)) as c, open_sse(c) as stream:
        assert stream.status_code == 200, stream.status_code
        assert stream.headers.get("content-type", "").startswith("text/event-stream"), stream.headers
        assert stream.headers.get("x-accel-buffering", "").lower() == "no", stream.headers
        reader = SSEReader(stream)
        endpoint = read_endpoint(reader)
        assert endpoint.startswith("/messages?"), f"endpoint must be a relative /messages?sessionId=… path: {endpoint!r}"
        target = urljoin(f"{server.url}/sse", endpoint)
        assert urlparse(target).netloc == urlparse(server.url).netloc
        query = parse_qs(urlparse(target).query)
        assert query.get("sessionId") or query.get("session_id"), f"endpoint carries no session id: {endpoint}"

        def send(msg: dict[str, Any]) -> None:
            r = c.post(target, content=json.dumps(msg).encode(), headers={"Content-Type": JSON})
            assert r.status_code == 202, f"POST {endpoint} must answer 202{describe(r)}"

        send(request(1, "initialize", init_params("2024-11-05")))
        init = reader.next_message(1)
        assert init["result"]["protocolVersion"] == "2024-11-05", init
        assert isinstance(init["result"]["capabilities"].get("tools"), dict), init
        send(notification("notifications/initialized"))
        send(request(2, "tools/list"))
        listing = reader.next_message(2)
        assert EXPECTED_TOOLS <= {t["name"] for t in listing["result"]["tools"]}, listing
        send(request(3, "e2e/no-such-method"))
        assert reader.next_message(3)["error"]["code"] == -32601
        send(request(4, "tools/call", {"name": "server_info", "arguments": {}}))
        call = reader.next_message(4)
        assert "structuredContent" not in call["result"], f"no structuredContent below 2025-06-18: {call}"


def test_sse_closed_connection_frees_session(fast_keepalive_server: ServerProcess) -> None:
    url = fast_keepalive_server.url
    with httpx2.Client(base_url=url, timeout=httpx2.Timeout(10.0, read=10.0)) as c:
        with open_sse(c) as stream:
            endpoint = read_endpoint(SSEReader(stream))
        target = urljoin(f"{url}/sse", endpoint)
        deadline = time.monotonic() + 6.0
        while True:
            r = c.post(target, content=json.dumps(request(1, "ping")).encode(), headers={"Content-Type": JSON})
            if r.status_code == 404 or time.monotonic() > deadline:
                break
            time.sleep(0.25)
        assert r.status_code == 404, f"session still alive 6 s after its /sse stream closed{describe(r)}"


def test_sse_stream_sends_keepalives(fast_keepalive_server: ServerProcess) -> None:
    with httpx2.Client(base_url=fast_keepalive_server.url, timeout=httpx2.Timeout(10.0, read=5.0)) as c, open_sse(c) as stream:
        assert "no-cache" in stream.headers.get("cache-control", ""), stream.headers
        reader = SSEReader(stream)
        read_endpoint(reader)
        start = time.monotonic()
        try:
            for line in reader.lines:
                if line.startswith(":"):
                    break
        except httpx2.ReadTimeout:
            pytest.fail("/sse stream sent no keep-alive comment within 5 s at --keep-alive-seconds 1")
        assert time.monotonic() - start < 5


def test_messages_without_session_400(http: httpx2.Client) -> None:
    resp = http.post("/messages", content=json.dumps(request(1, "ping")).encode(), headers={"Content-Type": JSON})
    assert resp.status_code == 400, describe(resp)


def test_messages_unknown_session_404(http: httpx2.Client) -> None:
    resp = http.post("/messages?sessionId=e2e-unknown-0000", content=json.dumps(request(1, "ping")).encode(), headers={"Content-Type": JSON})
    assert resp.status_code == 404, describe(resp)


def test_healthz(http: httpx2.Client) -> None:
    resp = http.get("/healthz")
    assert resp.status_code == 200 and resp.headers.get("content-type", "").startswith(JSON), describe(resp)
    resp.json()

"""Numbers from the network never stop the server (issue: one request crashed it).

Swift stops the whole process on arithmetic overflow. Two integers from clients reached a
multiplication unchecked: a list cursor naming page `Int.max`, and a tool's `page` argument. Here
every list method gets huge, negative and foreign cursors on every transport and revision, and every
integer or number property of every tool gets `Int64.max`, `Int64.min`, `-1`, `0` and `2^53`. Each
must be answered (an error whenever the value is outside the property's bounds), and after each the
server must still answer `/healthz`.
"""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path
from typing import Any, Iterator

import httpx2
import pytest

from conftest import ACCEPT_BOTH, LEGACY_VERSIONS, MODERN_VERSION, ServerProcess, StdioLaunch, _serve, server_env
from test_hostile_input import IO_TIMEOUT, SSESession, StdioProc

LIST_METHODS = {"tools/list": "tools", "prompts/list": "prompts", "resources/list": "resources", "resources/templates/list": "templates"}
CURSOR_NUMBERS = ["9223372036854775807", "-9223372036854775808", "-1", "0", "4611686018427387904", "99999999999999999999", "1"]
HOSTILE_INTEGERS = [2**63 - 1, -(2**63), -1, 0, 2**53]


def _cursor(kind: str, number: str) -> str:
    return base64.b64encode(f"{kind}-page:{number}".encode()).decode()


def hostile_cursors(method: str) -> list[str]:
    """Cursors in every list's format with hostile numbers, plus a raw number. Page 1 of a list short
    enough for one page does not exist either, so `-page:1` must be refused too."""
    cursors = [_cursor(kind, n) for kind in LIST_METHODS.values() for n in CURSOR_NUMBERS]
    return cursors + ["9223372036854775807", base64.b64encode(b"x" * 5000).decode()]


def _j(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


def _meta() -> dict[str, Any]:
    return {
        "io.modelcontextprotocol/protocolVersion": MODERN_VERSION,
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "e2e-overflow", "version": "1"},
    }


@pytest.fixture(scope="module")
def server(e2e_tmp: Path) -> Iterator[ServerProcess]:
    # Keep-alives every second let the /sse reader thread stop promptly; in-range values do reach
    # the sandbox Discogs, so its per-minute budget is lifted.
    env = server_env({"DISCOGS_MCP_DISCOGS_REQUESTS_PER_MINUTE": "100000"})
    yield from _serve("test_overflow", e2e_tmp, ["--keep-alive-seconds", "1"], env=env)


@pytest.fixture(scope="module")
def http(server: ServerProcess) -> Iterator[httpx2.Client]:
    with httpx2.Client(base_url=server.url, timeout=httpx2.Timeout(IO_TIMEOUT * 2)) as client:
        yield client


def _still_serving(server: ServerProcess, http: httpx2.Client, after: str) -> None:
    assert server.alive(), f"SERVER DIED after {after} (exit {server.proc.returncode if server.proc else '?'})\n{server.stderr()[-3000:]}"
    r = http.get("/healthz")
    assert r.status_code == 200, f"/healthz answered {r.status_code} after {after}"


def _rpc(resp: httpx2.Response) -> dict[str, Any]:
    if resp.headers.get("content-type", "").startswith("text/event-stream"):
        datas = [line[5:].strip() for line in resp.text.split("\n") if line.startswith("data:")]
        msgs = [json.loads(d) for d in datas if d]
        answers = [m for m in msgs if "result" in m or "error" in m]
        assert len(answers) == 1, f"expected one answer on the stream, got {msgs}"
        return answers[0]
    return resp.json()


class Target:
    """One way of reaching the dispatcher over HTTP: a legacy session of one revision, or 2026-07-28."""

    def __init__(self, http: httpx2.Client, version: str) -> None:
        self.http, self.version, self.session, self.next_id = http, version, None, 1000
        if version != MODERN_VERSION:
            init = {"protocolVersion": version, "capabilities": {}, "clientInfo": {"name": "e2e-overflow", "version": "1"}}
            r = http.post("/mcp", content=_j({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": init}), headers={"Content-Type": "application/json", "Accept": ACCEPT_BOTH})
            assert r.status_code == 200, r.text
            self.session = r.headers["mcp-session-id"]
            r = self.post("notifications/initialized", None, notify=True)
            assert r.status_code == 202, r.text

    def post(self, method: str, params: dict[str, Any] | None, notify: bool = False) -> httpx2.Response:
        headers = {"Content-Type": "application/json", "Accept": ACCEPT_BOTH}
        body: dict[str, Any] = {"jsonrpc": "2.0", "method": method}
        params = dict(params or {})
        if self.session:
            headers["Mcp-Session-Id"] = self.session
            if self.version >= "2025-06-18":
                headers["MCP-Protocol-Version"] = self.version
        else:
            headers["MCP-Protocol-Version"] = MODERN_VERSION
            headers["Mcp-Method"] = method
            if method == "tools/call":
                headers["Mcp-Name"] = params["name"]
            params["_meta"] = _meta()
        if params:
            body["params"] = params
        if not notify:
            self.next_id += 1
            body["id"] = self.next_id
        return self.http.post("/mcp", content=_j(body), headers=headers)

    def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        r = self.post(method, params)
        assert r.status_code in (200, 400), f"{method} {params}: HTTP {r.status_code} {r.text[:300]}"
        return _rpc(r)


@pytest.mark.parametrize("version", [*LEGACY_VERSIONS, MODERN_VERSION])
def test_hostile_cursors_over_streamable_http(server: ServerProcess, http: httpx2.Client, version: str) -> None:
    target = Target(http, version)
    for method in LIST_METHODS:
        for cursor in hostile_cursors(method):
            answer = target.call(method, {"cursor": cursor})
            _still_serving(server, http, f"{method} cursor={cursor[:60]} on {version}")
            assert answer.get("error", {}).get("code") == -32602, f"{method} with cursor {cursor[:60]} on {version}: {answer}"
            assert "cursor" in answer["error"]["message"], answer


def test_hostile_cursors_over_legacy_sse(server: ServerProcess, http: httpx2.Client) -> None:
    sse = SSESession(server)
    try:
        init = {"protocolVersion": "2024-11-05", "capabilities": {}, "clientInfo": {"name": "e2e-overflow", "version": "1"}}
        assert http.post(sse.endpoint, content=_j({"jsonrpc": "2.0", "id": "init", "method": "initialize", "params": init}), headers={"Content-Type": "application/json"}).status_code == 202
        assert sse.wait_for("init") is not None
        http.post(sse.endpoint, content=_j({"jsonrpc": "2.0", "method": "notifications/initialized"}), headers={"Content-Type": "application/json"})
        n = 0
        for method in LIST_METHODS:
            for cursor in hostile_cursors(method):
                n += 1
                r = http.post(sse.endpoint, content=_j({"jsonrpc": "2.0", "id": n, "method": method, "params": {"cursor": cursor}}), headers={"Content-Type": "application/json"})
                assert r.status_code == 202, f"{method}: HTTP {r.status_code} {r.text[:200]}"
                answer = sse.wait_for(n)
                _still_serving(server, http, f"{method} cursor={cursor[:60]} over /sse")
                assert answer is not None, f"no answer on the SSE stream to {method} cursor={cursor[:60]}"
                assert answer.get("error", {}).get("code") == -32602, answer
    finally:
        sse.stop.set()
        sse.thread.join(timeout=3)


def test_hostile_cursors_over_stdio(stdio_launch: StdioLaunch) -> None:
    p = StdioProc(stdio_launch)
    try:
        init = {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "e2e-overflow", "version": "1"}}
        p.send(_j({"jsonrpc": "2.0", "id": "init", "method": "initialize", "params": init}) + b"\n")
        p.send(_j({"jsonrpc": "2.0", "method": "notifications/initialized"}) + b"\n")
        n = 0
        for method in LIST_METHODS:
            for cursor in hostile_cursors(method):
                n += 1
                p.send(_j({"jsonrpc": "2.0", "id": n, "method": method, "params": {"cursor": cursor}}) + b"\n")
                deadline = time.monotonic() + IO_TIMEOUT
                while True:
                    msg = json.loads(p.read_line(deadline))
                    if msg.get("id") == n:
                        break
                assert msg.get("error", {}).get("code") == -32602, f"{method} cursor={cursor[:60]}: {msg}"
        assert p.proc.poll() is None, f"stdio server died (exit {p.proc.returncode})\n{p.stderr()}"
    finally:
        p.close()


# --- every integer argument of every tool -------------------------------------------------------------


def _filler(schema: dict[str, Any]) -> Any:
    """A plausible value for a required argument, so the call gets past "missing argument"."""
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][0]
    if kind in ("integer", "number"):
        return max(1, schema.get("minimum", 1))
    if kind == "string":
        pattern = schema.get("pattern", "")
        if "[0-9]+-[0-9]+" in pattern:
            return "1-1"
        if "\\d{4}-\\d{2}-\\d{2}" in pattern:
            return "2024-01-01"
        return "x"
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    return {}


def _numeric_properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    props = schema.get("properties", {})
    return {name: p for name, p in props.items() if p.get("type") in ("integer", "number")}


def _in_bounds(prop: dict[str, Any], value: int) -> bool:
    if "minimum" in prop and value < prop["minimum"]:
        return False
    if "exclusiveMinimum" in prop and value <= prop["exclusiveMinimum"]:
        return False
    if "maximum" in prop and value > prop["maximum"]:
        return False
    if "exclusiveMaximum" in prop and value >= prop["exclusiveMaximum"]:
        return False
    return True


@pytest.mark.parametrize("version", ["2025-11-25", MODERN_VERSION])
def test_hostile_integers_on_every_tool(server: ServerProcess, http: httpx2.Client, version: str) -> None:
    target = Target(http, version)
    tools = target.call("tools/list", {})["result"]["tools"]
    assert len(tools) >= 40, [t["name"] for t in tools]
    checked = 0
    problems: list[str] = []
    for tool in tools:
        schema = tool["inputSchema"]
        for name, prop in _numeric_properties(schema).items():
            if "maximum" not in prop and "exclusiveMaximum" not in prop:
                problems.append(f"{tool['name']}.{name} has no maximum")
            if "minimum" not in prop and "exclusiveMinimum" not in prop:
                problems.append(f"{tool['name']}.{name} has no minimum")
            base = {req: _filler(schema["properties"][req]) for req in schema.get("required", []) if req != name}
            for value in HOSTILE_INTEGERS:
                arguments = {**base, name: value}
                answer = target.call("tools/call", {"name": tool["name"], "arguments": arguments})
                _still_serving(server, http, f"{tool['name']}({arguments}) on {version}")
                checked += 1
                failed = "error" in answer or answer.get("result", {}).get("isError") is True
                if not _in_bounds(prop, value) and not failed:
                    problems.append(f"{tool['name']}.{name}={value} was accepted: {str(answer)[:200]}")
                if "error" not in answer and "result" not in answer:
                    problems.append(f"{tool['name']}.{name}={value}: not a JSON-RPC answer: {answer}")
    assert checked >= 40, f"only {checked} integer arguments were tried"
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)

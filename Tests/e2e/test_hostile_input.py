"""Malformed and hostile input against every entry point.

Each body of the corpus is sent (over raw sockets, so nothing is "fixed up" by a client library) to:
`/mcp` inside a legacy session, `/mcp` with 2026-07-28 headers, `/mcp` without a session,
`/messages` of a live HTTP+SSE session, and `discogs-mcp stdio`. Each must get a 4xx or a JSON-RPC
error (never a 5xx, never a hang beyond a few seconds, never a dropped connection); afterwards the
server must still answer `/healthz` and a normal `initialize`.
"""

from __future__ import annotations

import json
import os
import random
import select
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from typing import Any, Iterator
from urllib.parse import urljoin

import httpx2
import pytest

from conftest import ACCEPT_BOTH, MODERN_VERSION, ServerProcess, StdioLaunch, _die_with_parent

CAP = 1024 * 1024
IO_TIMEOUT = 5.0
# Whole-test budgets: a server that hangs on many inputs fails fast instead of running for minutes.
HTTP_CORPUS_BUDGET = 40.0
STDIO_CORPUS_BUDGET = 25.0

# --- the corpus --------------------------------------------------------------------------------------------

_rng = random.Random(0xD15C095)


def _j(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


def _near_cap_string_request() -> bytes:
    head = b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"server_info","arguments":{"q":"'
    tail = b'"}}}'
    return head + b"A" * (CAP - len(head) - len(tail) - 64) + tail


def _near_cap_method() -> bytes:
    head = b'{"jsonrpc":"2.0","id":1,"method":"'
    tail = b'"}'
    return head + b"m" * (CAP - len(head) - len(tail) - 64) + tail


def _many_keys() -> bytes:
    # ~50k distinct keys (hash-flooding style) just under the cap.
    params = ",".join(f'"k{i}":{i}' for i in range(50_000))
    return b'{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{' + params.encode() + b"}}"


DEPTH = 100_000

# name -> body. "expect" for every body: a 4xx, or a JSON-RPC error; a 2xx success is tolerated only
# for bodies in TOLERATE_SUCCESS (well-formed requests whose oddity is allowed by the schema).
CORPUS: dict[str, bytes] = {
    "empty": b"",
    "whitespace": b"   \n\t  ",
    "invalid-utf8": b'{"jsonrpc":"2.0","id":1,"method":"ping\xff\xfe"}',
    "invalid-utf8-string": b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"\xc3\x28"}}',
    "overlong-utf8": b'{"jsonrpc":"2.0","id":1,"method":"\xc0\xafping"}',
    "lone-surrogate-escape": b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"\\ud800"}}',
    "utf16-bom": "\ufeff{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".encode("utf-16"),
    "nul-bytes": b'{"jsonrpc":"2.0","id":1,"method":"pi\x00ng"}',
    "truncated": b'{"jsonrpc":"2.0","id":1,"method":"tools/li',
    "truncated-after-colon": b'{"jsonrpc":',
    "unclosed-array": b"[",
    "trailing-garbage": b'{"jsonrpc":"2.0","id":1,"method":"ping"} garbage',
    "two-objects": b'{"jsonrpc":"2.0","id":1,"method":"ping"}{"jsonrpc":"2.0","id":2,"method":"ping"}',
    "deep-array": b"[" * DEPTH + b"]" * DEPTH,
    "deep-object": b'{"a":' * DEPTH + b"1" + b"}" * DEPTH,
    "deep-params": b'{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"x":' + b"[" * DEPTH + b"]" * DEPTH + b"}}",
    "deep-unclosed": b"[" * DEPTH,
    "huge-int-id": b'{"jsonrpc":"2.0","id":123456789012345678901234567890123456789,"method":"ping"}',
    "huge-exp-id": b'{"jsonrpc":"2.0","id":1e999999,"method":"ping"}',
    "huge-number-param": b'{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":' + b"9" * 100_000 + b"}}",
    "negative-zero-id": b'{"jsonrpc":"2.0","id":-0.0,"method":"ping"}',
    "nan": b'{"jsonrpc":"2.0","id":NaN,"method":"ping"}',
    "infinity": b'{"jsonrpc":"2.0","id":Infinity,"method":"ping"}',
    "single-quotes": b"{'jsonrpc':'2.0','id':1,'method':'ping'}",
    "comments": b'{"jsonrpc":"2.0", /* c */ "id":1,"method":"ping"}',
    "duplicate-keys": b'{"jsonrpc":"2.0","id":1,"method":"ping","method":"e2e/nope"}',
    "null": b"null",
    "true": b"true",
    "number": b"42",
    "string": b'"initialize"',
    "empty-object": b"{}",
    "empty-array": b"[]",
    "array-of-garbage": b"[1,2,3]",
    "array-of-null": b"[null]",
    "jsonrpc-number": _j({"jsonrpc": 2.0, "id": 1, "method": "ping"}),
    "jsonrpc-missing": _j({"id": 1, "method": "ping"}),
    "jsonrpc-wrong": _j({"jsonrpc": "3.0", "id": 1, "method": "ping"}),
    "method-number": _j({"jsonrpc": "2.0", "id": 1, "method": 7}),
    "method-null": _j({"jsonrpc": "2.0", "id": 1, "method": None}),
    "method-object": _j({"jsonrpc": "2.0", "id": 1, "method": {"x": 1}}),
    "method-array": _j({"jsonrpc": "2.0", "id": 1, "method": ["ping"]}),
    "method-empty": _j({"jsonrpc": "2.0", "id": 1, "method": ""}),
    "id-float": _j({"jsonrpc": "2.0", "id": 1.25, "method": "ping"}),
    "id-object": _j({"jsonrpc": "2.0", "id": {"a": 1}, "method": "ping"}),
    "id-array": _j({"jsonrpc": "2.0", "id": [1], "method": "ping"}),
    "id-null": _j({"jsonrpc": "2.0", "id": None, "method": "ping"}),
    "id-bool": _j({"jsonrpc": "2.0", "id": False, "method": "ping"}),
    "params-array": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": [1, 2]}),
    "params-string": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": "x"}),
    "params-null": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": None}),
    "params-number": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": 5}),
    "meta-array": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"_meta": [1]}}),
    "meta-string": _j({"jsonrpc": "2.0", "id": 1, "method": "server/discover", "params": {"_meta": "x"}}),
    "meta-version-number": _j({"jsonrpc": "2.0", "id": 1, "method": "server/discover", "params": {"_meta": {"io.modelcontextprotocol/protocolVersion": 2026, "io.modelcontextprotocol/clientCapabilities": {}}}}),
    "meta-caps-string": _j({"jsonrpc": "2.0", "id": 1, "method": "server/discover", "params": {"_meta": {"io.modelcontextprotocol/protocolVersion": MODERN_VERSION, "io.modelcontextprotocol/clientCapabilities": "all"}}}),
    "call-name-number": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": 5, "arguments": {}}}),
    "call-name-missing": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"arguments": {}}}),
    "call-args-array": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "server_info", "arguments": [1]}}),
    "call-args-string": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "server_info", "arguments": "x"}}),
    "call-unknown-tool": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "../../etc/passwd", "arguments": {}}}),
    "call-name-control-chars": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "ping\r\nX-Evil: 1", "arguments": {}}}),
    "list-cursor-garbage": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"cursor": "!!not-a-cursor!!"}}),
    "list-cursor-object": _j({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"cursor": {"a": 1}}}),
    "init-version-number": _j({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": 20251125, "capabilities": {}, "clientInfo": {"name": "x", "version": "1"}}}),
    "init-params-missing": _j({"jsonrpc": "2.0", "id": 1, "method": "initialize"}),
    "init-clientinfo-string": _j({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25", "capabilities": [], "clientInfo": "x"}}),
    "garbage-method": _j({"jsonrpc": "2.0", "id": 1, "method": "\u0000\u202e\ud83d\ude00/../../"}),
    "garbage-method-long": _j({"jsonrpc": "2.0", "id": 1, "method": "x" * 10_000}),
    "rpc-internal-method": _j({"jsonrpc": "2.0", "id": 1, "method": "rpc.discover"}),
    "result-without-request": _j({"jsonrpc": "2.0", "id": 12345, "result": {}}),
    "error-without-request": _j({"jsonrpc": "2.0", "id": 12345, "error": {"code": 1, "message": "x"}}),
    "result-and-error": _j({"jsonrpc": "2.0", "id": 1, "result": {}, "error": {"code": 1, "message": "x"}}),
    "notification-garbage-params": _j({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": "x"}),
    "batch-mixed-garbage": _j([{"jsonrpc": "2.0", "id": 1, "method": "ping"}, 5, "x", None, {"foo": 1}]),
    "batch-deep": b"[" + b",".join([_j({"jsonrpc": "2.0", "id": i, "method": "e2e/none"}) for i in range(2000)]) + b"]",
    "near-cap-string": _near_cap_string_request(),
    "near-cap-method": _near_cap_method(),
    "many-keys": _many_keys(),
    "random-bytes-1": bytes(_rng.getrandbits(8) for _ in range(512)),
    "random-bytes-2": bytes(_rng.getrandbits(8) for _ in range(64 * 1024)),
    "random-printable": bytes(_rng.choice(b'{}[]":,0123456789abcdefnulltrue \\') for _ in range(4096)),
}

# Well-formed JSON-RPC traffic whose answer may legitimately be a success or a 202 (responses and
# notifications get 202; an integer id of any size and a duplicate key are not errors by themselves).
TOLERATE_SUCCESS = {
    "huge-int-id", "duplicate-keys", "negative-zero-id", "result-without-request", "error-without-request",
    "notification-garbage-params", "list-cursor-garbage", "many-keys", "batch-deep", "batch-mixed-garbage",
    "init-params-missing", "init-version-number", "init-clientinfo-string", "near-cap-string",
    "call-args-array", "call-args-string", "meta-array", "result-and-error",
}


# --- raw HTTP ----------------------------------------------------------------------------------------------


class Dropped(AssertionError):
    pass


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def _recv_until(sock: socket.socket, buf: bytearray, pred: Any, deadline: float) -> None:
    while not pred(buf):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no complete answer within the time limit")
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            raise TimeoutError("no complete answer within the time limit") from None
        except ConnectionResetError:
            raise Dropped("connection reset by the server") from None
        if not chunk:
            raise Dropped(f"connection closed by the server after {len(buf)} bytes without a complete response")
        buf += chunk


def raw_http(port: int, head: bytes, body: bytes = b"", timeout: float = IO_TIMEOUT) -> RawResponse:
    """Send one request verbatim (head must end in CRLFCRLF) and read exactly one response."""
    deadline = time.monotonic() + timeout
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(head + body)
        except (BrokenPipeError, ConnectionResetError):
            # The server may answer (e.g. 413) and close before reading everything: read what it said.
            pass
        buf = bytearray()
        _recv_until(sock, buf, lambda b: b"\r\n\r\n" in b, deadline)
        raw_head, _, rest = bytes(buf).partition(b"\r\n\r\n")
        lines = raw_head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/"):
            raise AssertionError(f"not an HTTP response: {lines[0]!r}")
        status = int(parts[1])
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        body_buf = bytearray(rest)
        if headers.get("transfer-encoding", "").lower() == "chunked":
            _recv_until(sock, body_buf, lambda b: b.endswith(b"0\r\n\r\n") or b"\r\n0\r\n\r\n" in b or bytes(b).startswith(b"0\r\n\r\n"), deadline)
            body = _dechunk(bytes(body_buf))
        elif "content-length" in headers:
            n = int(headers["content-length"])
            _recv_until(sock, body_buf, lambda b: len(b) >= n, deadline)
            body = bytes(body_buf[:n])
        else:
            body = bytes(body_buf)
        return RawResponse(status, headers, body)


def _dechunk(data: bytes) -> bytes:
    out = bytearray()
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += data[:size]
        data = data[size + 2 :]
    return bytes(out)


def build_head(path: str, body_len: int | None, headers: dict[str, str], method: str = "POST") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    if body_len is not None:
        lines.append(f"Content-Length: {body_len}")
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def judge(name: str, target: str, resp: RawResponse, tolerate_success: bool) -> str | None:
    """None when the answer is acceptable, else a description of what is wrong."""
    shown = resp.body[:300].decode("utf-8", "replace")
    where = f"[{target}] {name}: HTTP {resp.status} {shown!r}"
    if resp.status >= 500:
        return f"{where} — 5xx"
    if 400 <= resp.status < 500:
        return None
    if resp.status == 202:
        # The HTTP+SSE message endpoint may say "Accepted" (reference §3.2); elsewhere 202 is empty.
        if resp.body and not (target == "messages" and resp.body.strip() == b"Accepted"):
            return f"{where} — 202 with a body"
        return None if tolerate_success or target == "messages" else f"{where} — accepted silently"
    if resp.status != 200:
        return f"{where} — unexpected status"
    ctype = resp.headers.get("content-type", "")
    try:
        if ctype.startswith("text/event-stream"):
            datas = [l[5:].strip() for l in resp.body.decode().split("\n") if l.startswith("data:")]
            payload = [json.loads(d) for d in datas if d]
            payload = payload[-1] if len(payload) == 1 else payload
        else:
            payload = json.loads(resp.body)
    except (ValueError, UnicodeDecodeError):
        return f"{where} — 200 whose body is not JSON"
    msgs = payload if isinstance(payload, list) else [payload]
    if not all(isinstance(m, dict) and m.get("jsonrpc") == "2.0" and ("error" in m or "result" in m) for m in msgs):
        return f"{where} — 200 whose body is not JSON-RPC responses"
    if not tolerate_success and not any("error" in m for m in msgs):
        return f"{where} — success for a malformed request"
    return None


# --- fixtures: one legacy session, one SSE session ---------------------------------------------------------


@pytest.fixture(scope="module")
def server(fast_keepalive_server: ServerProcess) -> ServerProcess:
    """This module's server sends SSE keep-alives every second, so the background /sse reader notices
    its stop flag quickly and the server can shut down without waiting on a held-open stream."""
    return fast_keepalive_server


@pytest.fixture(scope="module")
def legacy_session(server: ServerProcess) -> str:
    body = _j({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "hostile", "version": "1"}}})
    r = httpx2.post(server.mcp_url, content=body, headers={"Content-Type": "application/json", "Accept": ACCEPT_BOTH}, timeout=10)
    assert r.status_code == 200, r.text
    sid = r.headers["mcp-session-id"]
    r = httpx2.post(server.mcp_url, content=_j({"jsonrpc": "2.0", "method": "notifications/initialized"}), headers={"Content-Type": "application/json", "Accept": ACCEPT_BOTH, "Mcp-Session-Id": sid, "MCP-Protocol-Version": "2025-11-25"}, timeout=10)
    assert r.status_code == 202, r.text
    return sid


class SSESession:
    """Keeps a GET /sse stream open on a thread and collects its `message` events."""

    def __init__(self, server: ServerProcess) -> None:
        self.server = server
        self.messages: list[dict[str, Any]] = []
        self.endpoint: str | None = None
        self.error: BaseException | None = None
        self.ready = threading.Event()
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        assert self.ready.wait(10), f"no endpoint event from /sse ({self.error!r})"
        assert self.endpoint, f"/sse failed: {self.error!r}"

    def _run(self) -> None:
        try:
            with httpx2.Client(timeout=httpx2.Timeout(10.0, read=None)) as c:
                with c.stream("GET", f"{self.server.url}/sse", headers={"Accept": "text/event-stream"}) as resp:
                    event, data = "message", []
                    for line in resp.iter_lines():
                        if self.stop.is_set():
                            return
                        if line == "":
                            text = "\n".join(data)
                            if event == "endpoint":
                                self.endpoint = urljoin(f"{self.server.url}/sse", text)
                                self.ready.set()
                            elif text:
                                with self.lock:
                                    try:
                                        self.messages.append(json.loads(text))
                                    except ValueError:
                                        self.messages.append({"unparseable": text})
                            event, data = "message", []
                        elif line.startswith(":"):
                            continue
                        elif line.startswith("event:"):
                            event = line[6:].strip()
                        elif line.startswith("data:"):
                            data.append(line[5:].lstrip(" ") if line[5:6] == " " else line[5:])
        except BaseException as e:  # noqa: BLE001 - reported to the test
            self.error = e
        finally:
            self.ready.set()

    def wait_for(self, id: Any, timeout: float = IO_TIMEOUT) -> dict[str, Any] | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for m in self.messages:
                    if m.get("id") == id:
                        return m
            time.sleep(0.02)
        return None


@pytest.fixture(scope="module")
def sse_session(server: ServerProcess) -> Iterator[SSESession]:
    s = SSESession(server)
    yield s
    s.stop.set()
    s.thread.join(timeout=3)


# --- tests ----------------------------------------------------------------------------------------------


def _targets(server: ServerProcess, legacy_session: str, sse: SSESession) -> dict[str, tuple[str, dict[str, str]]]:
    base = {"Content-Type": "application/json", "Accept": ACCEPT_BOTH}
    path = sse.endpoint[len(server.url):] if sse.endpoint else "/messages"
    return {
        "mcp-legacy-session": ("/mcp", {**base, "Mcp-Session-Id": legacy_session, "MCP-Protocol-Version": "2025-11-25"}),
        "mcp-2026": ("/mcp", {**base, "MCP-Protocol-Version": MODERN_VERSION, "Mcp-Method": "tools/list"}),
        "mcp-no-session": ("/mcp", base),
        "messages": (path, {"Content-Type": "application/json"}),
    }


def test_corpus_over_http(server: ServerProcess, legacy_session: str, sse_session: SSESession) -> None:
    problems: list[str] = []
    started = time.monotonic()
    for target, (path, headers) in _targets(server, legacy_session, sse_session).items():
        for name, body in CORPUS.items():
            if time.monotonic() - started > HTTP_CORPUS_BUDGET:
                problems.append(f"time budget of {HTTP_CORPUS_BUDGET:.0f}s exhausted at [{target}] {name}; rest not sent")
                pytest.fail(f"{len(problems)} problem(s):\n" + "\n".join(problems))
            head = build_head(path, len(body), headers)
            try:
                resp = raw_http(server.port, head, body)
            except (TimeoutError, Dropped, OSError, AssertionError) as e:
                problems.append(f"[{target}] {name}: {type(e).__name__}: {e}")
                if not server.alive():
                    problems.append(f"SERVER DIED after [{target}] {name} (exit {server.proc.returncode if server.proc else '?'})")
                    pytest.fail("\n".join(problems))
                continue
            problem = judge(name, target, resp, name in TOLERATE_SUCCESS)
            if problem:
                problems.append(problem)
    # The SSE session must have survived the barrage.
    probe_id = "hostile-probe"
    r = httpx2.post(sse_session.endpoint, content=_j({"jsonrpc": "2.0", "id": probe_id, "method": "ping"}), headers={"Content-Type": "application/json"}, timeout=IO_TIMEOUT)
    if r.status_code != 202 or sse_session.wait_for(probe_id) is None:
        problems.append(f"HTTP+SSE session unusable after the corpus: POST answered {r.status_code}, stream error {sse_session.error!r}")
    elapsed = time.monotonic() - started
    assert not problems, f"{len(problems)} problem(s) in {elapsed:.1f}s:\n" + "\n".join(problems)


HEADER_ATTACKS: dict[str, bytes] = {
    "crlf-in-session-header": b"Mcp-Session-Id: abc\rdef\r\n",
    "lf-in-header": b"MCP-Protocol-Version: 2025-11-25\nX-Injected: 1\r\n",
    "obs-fold": b"Mcp-Method: tools/list\r\n  continued\r\n",
    "nul-in-header": b"Mcp-Session-Id: a\x00b\r\n",
    "high-bytes-in-header": b"Mcp-Name: \xff\xfe\xfd\r\n",
    "space-before-colon": b"Mcp-Method : tools/list\r\n",
    "no-colon": b"Garbage header line\r\n",
    "huge-header": b"X-Big: " + b"a" * 200_000 + b"\r\n",
    "many-headers": b"".join(b"X-H%d: v\r\n" % i for i in range(5_000)),
    "duplicate-content-length": b"Content-Length: 5\r\n",
    "negative-content-length": b"",  # replaced below
    "bad-transfer-encoding": b"Transfer-Encoding: gzip, chunked, identity\r\n",
    "bogus-version-header": b"MCP-Protocol-Version: \xe2\x80\xae2026-07-28\r\n",
    "duplicate-mcp-method": b"MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/list\r\nMcp-Method: server/discover\r\n",
    "sentinel-garbage": b"MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: =?base64?!!!not base64!!!?=\r\n",
}


def test_hostile_headers(server: ServerProcess) -> None:
    body = _j({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "server_info", "arguments": {}, "_meta": {"io.modelcontextprotocol/protocolVersion": MODERN_VERSION, "io.modelcontextprotocol/clientCapabilities": {}}}})
    problems = []
    for name, extra in HEADER_ATTACKS.items():
        base = f"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nAccept: {ACCEPT_BOTH}\r\n".encode()
        if name == "negative-content-length":
            head = base + b"Content-Length: -1\r\n\r\n"
        else:
            head = base + f"Content-Length: {len(body)}\r\n".encode() + extra + b"\r\n"
        try:
            resp = raw_http(server.port, head, body)
        except (TimeoutError, Dropped, OSError, AssertionError) as e:
            problems.append(f"{name}: {type(e).__name__}: {e}")
            continue
        if resp.status >= 500:
            problems.append(f"{name}: HTTP {resp.status} {resp.body[:200]!r}")
        elif resp.status == 200 and name not in ("space-before-colon", "no-colon", "many-headers", "huge-header", "bad-transfer-encoding", "obs-fold", "high-bytes-in-header"):
            problems.append(f"{name}: accepted with 200 {resp.body[:200]!r}")
    assert server.alive(), "server died during the header attacks"
    assert not problems, "\n".join(problems)


def test_hostile_methods_and_paths(server: ServerProcess) -> None:
    problems = []
    cases = [
        ("PUT", "/mcp"), ("PATCH", "/mcp"), ("OPTIONS", "/mcp"), ("TRACE", "/mcp"),
        ("GET", "/messages"), ("DELETE", "/sse"), ("POST", "/healthz"),
        ("GET", "/mcp/../../etc/passwd"), ("GET", "/%00"), ("GET", "/mcp?" + "a=b&" * 5000),
        ("POST", "/messages?sessionId=" + "%ff" * 100), ("POST", "/messages?sessionId=../../x"),
        ("POST", "/messages?sessionId="), ("POST", "/messages?sessionId=a&sessionId=b"),
    ]
    body = _j({"jsonrpc": "2.0", "id": 1, "method": "ping"})
    for method, path in cases:
        head = build_head(path, len(body), {"Content-Type": "application/json", "Accept": ACCEPT_BOTH}, method=method)
        try:
            resp = raw_http(server.port, head, body)
        except (TimeoutError, Dropped, OSError, AssertionError) as e:
            problems.append(f"{method} {path[:60]}: {type(e).__name__}: {e}")
            continue
        if resp.status >= 500:
            problems.append(f"{method} {path[:60]}: HTTP {resp.status} {resp.body[:200]!r}")
    assert not problems, "\n".join(problems)


def test_slow_and_partial_clients_do_not_block_others(server: ServerProcess) -> None:
    """A client that sends half a body and stalls must not stop others being served."""
    stalled = []
    try:
        for _ in range(8):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            s.sendall(build_head("/mcp", 1000, {"Content-Type": "application/json"}) + b'{"jsonrpc":')
            stalled.append(s)
        r = httpx2.get(f"{server.url}/healthz", timeout=IO_TIMEOUT)
        assert r.status_code == 200
    finally:
        for s in stalled:
            s.close()


def test_server_still_healthy(server: ServerProcess) -> None:
    assert server.alive(), "server process died"
    r = httpx2.get(f"{server.url}/healthz", timeout=IO_TIMEOUT)
    assert r.status_code == 200, r.text
    body = _j({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "after", "version": "1"}}})
    r = httpx2.post(server.mcp_url, content=body, headers={"Content-Type": "application/json", "Accept": ACCEPT_BOTH}, timeout=IO_TIMEOUT)
    assert r.status_code == 200, r.text
    assert r.headers.get("mcp-session-id"), r.headers
    ctype = r.headers.get("content-type", "")
    payload = json.loads([l[5:] for l in r.text.splitlines() if l.startswith("data:")][-1]) if ctype.startswith("text/event-stream") else r.json()
    assert payload["result"]["protocolVersion"] == "2025-06-18", payload


# --- stdio -----------------------------------------------------------------------------------------------


def _has_error(answers: list[Any]) -> bool:
    return any(isinstance(m, dict) and "error" in m for a in answers for m in (a if isinstance(a, list) else [a]))


class StdioProc:
    def __init__(self, launch: StdioLaunch) -> None:
        self.stderr_path = launch.cwd / "stdio-hostile.stderr.log"
        self.err = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(
            [launch.command, *launch.args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err,
            env=launch.env, cwd=launch.cwd, preexec_fn=_die_with_parent,
        )
        self.buf = b""

    def send(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def read_line(self, deadline: float) -> bytes:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no line on stdout in time")
            r, _, _ = select.select([fd], [], [], remaining)
            if not r:
                continue
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                raise Dropped(f"stdout closed (exit {self.proc.poll()})")
            self.buf += chunk
        line, _, self.buf = self.buf.partition(b"\n")
        return line

    def close(self) -> int | None:
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.proc.wait(timeout=IO_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None
        finally:
            self.err.close()

    def stderr(self) -> str:
        return self.stderr_path.read_bytes()[-8000:].decode("utf-8", "replace")


def test_corpus_over_stdio(stdio_launch: StdioLaunch) -> None:
    """Every corpus line gets JSON-RPC answers only (errors for malformed input), then a sentinel ping
    is still answered; stdout never carries anything but JSON-RPC; the process exits on EOF."""
    p = StdioProc(stdio_launch)
    problems: list[str] = []
    initialized_by_corpus = False
    try:
        started = time.monotonic()
        for i, (name, body) in enumerate(CORPUS.items()):
            if time.monotonic() - started > STDIO_CORPUS_BUDGET:
                problems.append(f"time budget of {STDIO_CORPUS_BUDGET:.0f}s exhausted at {name}; rest not sent")
                break
            sentinel = f"sentinel-{i}"
            try:
                p.send(body + b"\n" + _j({"jsonrpc": "2.0", "id": sentinel, "method": "ping"}) + b"\n")
            except BrokenPipeError:
                problems.append(f"{name}: stdin closed — process died (exit {p.proc.poll()})")
                break
            deadline = time.monotonic() + IO_TIMEOUT
            answers: list[Any] = []
            got_sentinel = False
            # Requests are served concurrently: the error may arrive after the sentinel's answer.
            wants_error = name not in TOLERATE_SUCCESS and name not in ("empty", "whitespace")
            try:
                while True:
                    line = p.read_line(deadline)
                    try:
                        msg = json.loads(line)
                    except ValueError:
                        problems.append(f"{name}: non-JSON line on stdout: {line[:200]!r}")
                        continue
                    if isinstance(msg, dict) and msg.get("id") == sentinel:
                        if msg.get("result") != {}:
                            problems.append(f"{name}: sentinel ping got {msg}")
                        got_sentinel = True
                    else:
                        answers.append(msg)
                    if got_sentinel and (not wants_error or _has_error(answers)):
                        break
            except (TimeoutError, Dropped) as e:
                if isinstance(e, TimeoutError) and got_sentinel:
                    problems.append(f"{name}: no JSON-RPC error within {IO_TIMEOUT:.0f}s (got {str(answers)[:200]})")
                    continue
                problems.append(f"{name}: {type(e).__name__}: {e}")
                if p.proc.poll() is not None:
                    problems.append(f"PROCESS DIED after {name} (exit {p.proc.returncode})")
                    break
                continue
            msgs = [m for a in answers for m in (a if isinstance(a, list) else [a])]
            if name.startswith("init-") and any(isinstance(m, dict) and "result" in m for m in msgs):
                initialized_by_corpus = True
            for m in msgs:
                if not (isinstance(m, dict) and m.get("jsonrpc") == "2.0" and ("result" in m or "error" in m or "method" in m)):
                    problems.append(f"{name}: not a JSON-RPC message on stdout: {str(m)[:200]}")
        # Still a working server: a normal handshake on the same process.
        if p.proc.poll() is None:
            p.send(_j({"jsonrpc": "2.0", "id": "init", "method": "initialize", "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "after", "version": "1"}}}) + b"\n")
            deadline = time.monotonic() + IO_TIMEOUT
            try:
                while True:
                    msg = json.loads(p.read_line(deadline))
                    if isinstance(msg, dict) and msg.get("id") == "init":
                        # A corpus line may already have initialized this process; then an error
                        # answer ("already initialized") is fine, as long as it comes promptly.
                        ok = (msg.get("result") or {}).get("protocolVersion") == "2025-11-25"
                        if not ok and not (initialized_by_corpus and "error" in msg):
                            problems.append(f"initialize after the corpus: {msg}")
                        break
            except (TimeoutError, Dropped, ValueError) as e:
                problems.append(f"initialize after the corpus: {type(e).__name__}: {e}")
    finally:
        code = p.close()
    if code is None:
        problems.append("stdio server did not exit within 5 s of stdin EOF")
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems) + f"\n--- stderr ---\n{p.stderr()}"

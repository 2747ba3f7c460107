"""Response compression (issue 12): gzip or deflate for JSON answers from 1 KiB when the request's
`Accept-Encoding` allows it, `Vary: Accept-Encoding` on every JSON answer, identity otherwise, and
never on event streams, whose events still arrive at once.

Bodies are read raw with `http.client` (which neither asks for nor decodes compression), so each
test sees exactly the bytes on the wire.
"""

from __future__ import annotations

import gzip
import http.client
import json
import time
import zlib
from typing import Any
from urllib.parse import urljoin, urlparse

import httpx2

from conftest import MODERN_VERSION, ServerProcess

MODERN_META = {"io.modelcontextprotocol/protocolVersion": MODERN_VERSION, "io.modelcontextprotocol/clientCapabilities": {}}


def raw_post(server: ServerProcess, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    """One POST /mcp on a fresh connection; the status, the headers (lower-cased names, repeated ones
    joined with ", ") and the body exactly as sent."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        all_headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream", **headers}
        conn.request("POST", "/mcp", body=json.dumps(body).encode(), headers=all_headers)
        resp = conn.getresponse()
        fields: dict[str, str] = {}
        for name, value in resp.getheaders():
            fields[name.lower()] = f"{fields[name.lower()]}, {value}" if name.lower() in fields else value
        return resp.status, fields, resp.read()
    finally:
        conn.close()


def modern(method: str, id: Any, params: dict[str, Any] | None = None, name: str | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    headers = {"MCP-Protocol-Version": MODERN_VERSION, "Mcp-Method": method}
    if name:
        headers["Mcp-Name"] = name
    return {"jsonrpc": "2.0", "id": id, "method": method, "params": {**(params or {}), "_meta": MODERN_META}}, headers


def decode(coding: str, body: bytes) -> bytes:
    return gzip.decompress(body) if coding == "gzip" else zlib.decompress(body)


def assert_same_answer_in_every_coding(server: ServerProcess, body: dict[str, Any], headers: dict[str, str]) -> bytes:
    status, plain_headers, plain = raw_post(server, body, headers)
    assert status == 200, (status, plain[:300])
    assert "content-encoding" not in plain_headers, plain_headers
    assert "Accept-Encoding" in plain_headers.get("vary", ""), plain_headers
    assert len(plain) >= 1024, "the answer must be above the threshold for this test to mean anything"
    for coding in ("gzip", "deflate"):
        status, fields, wire = raw_post(server, body, {**headers, "Accept-Encoding": coding})
        assert status == 200
        assert fields.get("content-encoding") == coding, fields
        assert "Accept-Encoding" in fields.get("vary", ""), fields
        assert int(fields["content-length"]) == len(wire)
        assert len(wire) < len(plain) / 3, (coding, len(wire), len(plain))
        # gzip.decompress checks the CRC-32 and length, zlib.decompress the Adler-32.
        assert decode(coding, wire) == plain, f"{coding} body does not decode to the identity body"
    return plain


def test_tools_list_is_compressed_to_the_same_bytes(server: ServerProcess) -> None:
    # The pre-compressed page is spliced around each request's id: numeric, string, escapes, unicode.
    for id in (1, 987654321, "abc", 'quote " back\\slash ü 🎵'):
        body, headers = modern("tools/list", id)
        plain = assert_same_answer_in_every_coding(server, body, headers)
        assert json.loads(plain)["id"] == id
        assert len(json.loads(plain)["result"]["tools"]) > 20


def test_tools_list_in_a_session_era(server: ServerProcess) -> None:
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "e2e-gzip", "version": "1"}}}
    status, fields, _ = raw_post(server, init, {})
    assert status == 200
    session = fields["mcp-session-id"]
    headers = {"Mcp-Session-Id": session, "MCP-Protocol-Version": "2025-11-25"}
    raw_post(server, {"jsonrpc": "2.0", "method": "notifications/initialized"}, headers)
    assert_same_answer_in_every_coding(server, {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}, headers)


def test_other_large_answers_are_compressed_too(server: ServerProcess) -> None:
    body, headers = modern("tools/call", 5, {"name": "search_collection", "arguments": {"per_page": 50}}, name="search_collection")
    plain = assert_same_answer_in_every_coding(server, body, headers)
    assert "result" in json.loads(plain)


def test_identity_without_an_acceptable_coding(server: ServerProcess) -> None:
    body, headers = modern("tools/list", 3)
    _, _, plain = raw_post(server, body, headers)
    for accept in ("identity", "gzip;q=0, deflate;q=0", "br", "*;q=0", ""):
        status, fields, wire = raw_post(server, body, {**headers, "Accept-Encoding": accept})
        assert status == 200 and "content-encoding" not in fields, (accept, fields)
        assert wire == plain, accept
    # Preference: gzip at equal weight, deflate when it weighs more, * covers codings not named.
    for accept, expected in (("deflate, gzip", "gzip"), ("gzip;q=0.5, deflate", "deflate"), ("*", "gzip"), ("gzip;q=0, *", "deflate")):
        _, fields, wire = raw_post(server, body, {**headers, "Accept-Encoding": accept})
        assert fields.get("content-encoding") == expected, (accept, fields)
        assert decode(expected, wire) == plain


def test_small_answers_stay_identity(server: ServerProcess) -> None:
    body, headers = modern("tools/call", 4, {"name": "ping", "arguments": {}}, name="ping")
    status, fields, wire = raw_post(server, body, {**headers, "Accept-Encoding": "gzip, deflate"})
    assert status == 200 and "content-encoding" not in fields, fields
    assert "Accept-Encoding" in fields.get("vary", ""), fields
    assert len(wire) < 1024 and "result" in json.loads(wire), wire


def test_event_streams_are_never_compressed_or_buffered(server: ServerProcess) -> None:
    gzip_only = {"Accept-Encoding": "gzip, deflate"}
    with httpx2.Client(base_url=server.url, timeout=httpx2.Timeout(10, read=10)) as c:
        with c.stream("GET", "/sse", headers={"Accept": "text/event-stream", **gzip_only}) as stream:
            assert stream.status_code == 200
            assert "content-encoding" not in stream.headers, stream.headers
            lines = stream.iter_lines()
            endpoint = None
            for line in lines:
                if line.startswith("data:"):
                    endpoint = line[5:].strip()
                    break
            assert endpoint, "no endpoint event"
            target = urljoin(f"{server.url}/sse", endpoint)
            init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                    "params": {"protocolVersion": "2024-11-05", "capabilities": {}, "clientInfo": {"name": "e2e-gzip", "version": "1"}}}
            posted = c.post(urlparse(target).path + "?" + urlparse(target).query, json=init, headers=gzip_only)
            assert posted.status_code == 202
            sent = time.monotonic()
            for line in lines:
                if line.startswith("data:") and '"id":1' in line:
                    break
            elapsed = time.monotonic() - sent
            assert elapsed < 0.1, f"the initialize answer took {elapsed * 1000:.0f} ms to arrive on the stream"
        # A POST answered as an event stream (the client accepts only SSE) is not compressed either.
        body, headers = modern("tools/list", 9)
        with c.stream("POST", "/mcp", json=body, headers={**headers, "Accept": "text/event-stream", **gzip_only}) as resp:
            assert resp.status_code == 200
            assert resp.headers.get("content-type", "").startswith("text/event-stream"), resp.headers
            assert "content-encoding" not in resp.headers, resp.headers
            text = resp.read().decode()
            assert '"tools"' in text

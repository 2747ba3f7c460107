"""Operations end to end: real promtool and a real Prometheus server against /metrics, /readyz,
inbound rate limits, SIGTERM shutdown with a live SSE client, and secrets kept out of logs."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Iterator

import httpx2
import pytest

from conftest import ServerProcess, free_port, server_env

JSON = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}


def rpc(http: httpx2.Client, url: str, body: dict, headers: dict | None = None) -> httpx2.Response:
    return http.post(url, content=json.dumps(body), headers={**JSON, **(headers or {})})


def workload(base: str) -> dict[str, int]:
    """A mixed workload; returns what it did, to compare with the counters."""
    with httpx2.Client(timeout=10) as http:
        r = rpc(http, f"{base}/mcp", {"jsonrpc": "2.0", "id": 0, "method": "initialize",
                                      "params": {"protocolVersion": "2025-06-18", "capabilities": {}}})
        sid = r.headers["mcp-session-id"]
        h = {"Mcp-Session-Id": sid, "MCP-Protocol-Version": "2025-06-18"}
        assert rpc(http, f"{base}/mcp", {"jsonrpc": "2.0", "method": "notifications/initialized"}, h).status_code == 202
        for i in range(4):
            assert rpc(http, f"{base}/mcp", {"jsonrpc": "2.0", "id": i + 1, "method": "tools/list"}, h).status_code == 200
        for i in range(2):
            rpc(http, f"{base}/mcp", {"jsonrpc": "2.0", "id": 10 + i, "method": "tools/call", "params": {"name": "server_info"}}, h)
        rpc(http, f"{base}/mcp", {"jsonrpc": "2.0", "id": 20, "method": "tools/call", "params": {"name": "missing"}}, h)
        # Discogs work: the first search syncs the sandbox collection, the rest come from the index.
        for i in range(3):
            r = rpc(http, f"{base}/mcp", {"jsonrpc": "2.0", "id": 40 + i, "method": "tools/call",
                                          "params": {"name": "search_collection", "arguments": {"per_page": 5}}}, h)
            assert r.status_code == 200 and '"isError":true' not in r.text, r.text[:300]
        meta = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}
        modern = {"MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "server/discover"}
        assert rpc(http, f"{base}/mcp", {"jsonrpc": "2.0", "id": 30, "method": "server/discover", "params": {"_meta": meta}}, modern).status_code == 200
        http.post(f"{base}/mcp", content=b"{not json", headers=JSON)
    return {"tools_list": 4, "server_info": 2, "missing": 1, "discover": 1, "search_collection": 3}


def series(text: str, name: str, **labels: str) -> float | None:
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        if all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_promtool_accepts_metrics_and_counters_match(server: ServerProcess) -> None:
    did = workload(server.url)
    text = httpx2.get(f"{server.url}/metrics", timeout=10).text
    promtool = shutil.which("promtool")
    assert promtool, "promtool missing: scripts/test installs Debian's prometheus package"
    check = subprocess.run([promtool, "check", "metrics"], input=text.encode(), capture_output=True, timeout=30)
    # Exit 0 only when the exposition parses and passes promtool's lint (HELP lines, _total suffixes).
    assert check.returncode == 0, check.stdout.decode() + check.stderr.decode()
    assert series(text, "discogs_mcp_messages_total", method="tools/list", revision="2025-06-18") == did["tools_list"]
    assert series(text, "discogs_mcp_tool_calls_total", tool="server_info", outcome="ok") == did["server_info"]
    assert series(text, "discogs_mcp_tool_calls_total", tool="unknown", outcome="protocol_error") == did["missing"]
    assert series(text, "discogs_mcp_messages_total", method="server/discover", revision="2026-07-28") == did["discover"]
    assert series(text, "discogs_mcp_sessions", transport="streamable-http", revision="2025-06-18") == 1
    assert (series(text, "discogs_mcp_http_requests_total", route="/mcp", method="POST", status_class="2xx") or 0) >= 9
    assert re.search(r"discogs_mcp_process_resident_memory_bytes \d", text)
    assert series(text, "discogs_mcp_tool_calls_total", tool="search_collection", outcome="ok") == did["search_collection"]
    # One full sync of the sandbox collection, however many searches followed it.
    assert series(text, "discogs_mcp_collection_syncs_total", list="collection", kind="full", outcome="completed") == 1
    synced = series(text, "discogs_mcp_collection_items_synced_total", list="collection")
    assert synced and synced > 0, synced
    pages = series(text, "discogs_mcp_discogs_requests_total", endpoint="/users/{username}/collection/folders/{id}/releases", status="200")
    assert pages == series(text, "discogs_mcp_collection_sync_requests_total", list="collection", kind="full") - 1, pages


def test_prometheus_scrapes_us(server: ServerProcess, tmp_path: Path) -> None:
    binary = shutil.which("prometheus")
    assert binary, "prometheus missing: scripts/test installs Debian's prometheus package"
    port = free_port()
    config = tmp_path / "prometheus.yml"
    config.write_text(
        "global:\n  scrape_interval: 1s\n"
        "scrape_configs:\n  - job_name: discogs-mcp\n    static_configs:\n"
        f"      - targets: ['127.0.0.1:{server.port}']\n"
    )
    proc = subprocess.Popen(
        [binary, f"--config.file={config}", f"--storage.tsdb.path={tmp_path / 'data'}",
         f"--web.listen-address=127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        result = []
        while time.monotonic() < deadline and not result:
            time.sleep(1)
            try:
                r = httpx2.get(f"http://127.0.0.1:{port}/api/v1/query", params={"query": "discogs_mcp_build_info"}, timeout=5)
                result = r.json().get("data", {}).get("result", []) if r.status_code == 200 else []
            except httpx2.TransportError:
                continue
        assert result, "Prometheus never stored a discogs_mcp_build_info sample"
        assert result[0]["metric"]["job"] == "discogs-mcp"
        up = httpx2.get(f"http://127.0.0.1:{port}/api/v1/query", params={"query": "up"}, timeout=5).json()
        assert up["data"]["result"][0]["value"][1] == "1"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_readyz_and_healthz(server: ServerProcess) -> None:
    ready = httpx2.get(f"{server.url}/readyz", timeout=5)
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ready"
    assert httpx2.get(f"{server.url}/healthz", timeout=5).json()["status"] == "ok"


@pytest.fixture()
def limited_server(tmp_path: Path) -> Iterator[ServerProcess]:
    env = server_env({"DISCOGS_MCP_IP_RATE_LIMIT_PER_MINUTE": "30", "DISCOGS_TOKEN": "e2e-personal-token-0123456789"})
    env["DISCOGS_MCP_RATE_LIMIT_PER_MINUTE"] = "30"
    srv = ServerProcess(name="limited", args=[], env=env, workdir=tmp_path)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def test_rate_limit_answers_429_with_retry_after(limited_server: ServerProcess) -> None:
    statuses = []
    last = None
    with httpx2.Client(timeout=10) as http:
        for i in range(12):
            last = rpc(http, limited_server.mcp_url, {"jsonrpc": "2.0", "id": i, "method": "initialize", "params": {}})
            statuses.append(last.status_code)
    assert statuses[:6] == [200] * 6, statuses
    assert 429 in statuses, statuses
    assert last is not None and last.status_code == 429
    assert int(last.headers["retry-after"]) >= 1
    assert last.json()["error"]["code"] == 429
    metrics = httpx2.get(f"{limited_server.url}/metrics", timeout=5).text
    assert (series(metrics, "discogs_mcp_rate_limited_total", bucket="principal") or 0) >= 1


def test_no_secret_reaches_the_logs(tmp_path: Path) -> None:
    token = "e2e-discogs-personal-token-" + os.urandom(8).hex()
    env = server_env({"DISCOGS_TOKEN": token, "DISCOGS_MCP_LOG_LEVEL": "trace", "DISCOGS_MCP_METRICS_TOKEN": "metrics-" + os.urandom(8).hex()})
    srv = ServerProcess(name="secrets", args=[], env=env, workdir=tmp_path)
    srv.start()
    bearer = "Bearer abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"
    try:
        with httpx2.Client(timeout=10) as http:
            rpc(http, srv.mcp_url, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"clientInfo": {"name": token}}},
                {"Authorization": bearer})
            http.get(f"{srv.url}/metrics", headers={"Authorization": "Bearer " + env["DISCOGS_MCP_METRICS_TOKEN"]})
    finally:
        srv.stop()
    logs = srv.stderr_path.read_text()
    assert "listening" in logs
    database = next(tmp_path.glob("secrets-*.sqlite"))
    rows = sqlite3.connect(database).execute("SELECT message || ' ' || metadata FROM log_event").fetchall()
    stored = "\n".join(r[0] for r in rows)
    assert rows, "the log table holds events"
    for secret in (token, env["DISCOGS_MCP_SECRET"], env["DISCOGS_MCP_METRICS_TOKEN"], bearer.split()[1]):
        assert secret not in logs, "stderr leaked a secret"
        assert secret not in stored, "the log table leaked a secret"


def test_sigterm_ends_sse_streams_and_exits_cleanly(tmp_path: Path) -> None:
    srv = ServerProcess(name="shutdown", args=["--shutdown-grace-seconds", "5"], env=server_env(), workdir=tmp_path)
    srv.start()
    sock = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    sock.sendall(b"GET /sse HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    received = b""
    while b"event: endpoint" not in received:
        received += sock.recv(4096)
    assert srv.proc is not None
    started = time.monotonic()
    srv.proc.send_signal(signal.SIGTERM)
    sock.settimeout(10)
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            break
        received += chunk
    code = srv.proc.wait(timeout=15)
    elapsed = time.monotonic() - started
    assert code == 0, srv.stderr()
    assert elapsed < 7, f"shutdown took {elapsed:.1f}s"
    assert received.endswith(b"0\r\n\r\n"), "the SSE response ended with its final chunk, not a reset"
    database = next(tmp_path.glob("shutdown-*.sqlite"))
    assert sqlite3.connect(database).execute("PRAGMA integrity_check").fetchone()[0] == "ok"

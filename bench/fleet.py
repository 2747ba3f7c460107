#!/usr/bin/env python3
"""bench/fleet.py — a fleet on PostgreSQL (issue 11), measured on demand, never in tests.

    .build/e2e-venv/bin/python bench/fleet.py          # BENCH_BIN=.build/release/discogs-mcp for release figures

Starts a throw-away PostgreSQL cluster (scripts/postgres-cluster), instance A (single-user, with the
sandbox Discogs), instance B (the same, using A's sandbox) and nginx with deploy/fleet/nginx.conf,
then measures with wrk through nginx, for 1 and 2 instances behind it:

- tools/list (2026, stateless) and a cached get_release: requests/s, latency p50/p99;
- session creation: an `initialize` per request (each persisted in PostgreSQL);

and without nginx:

- search_collection over a 10,000-item sandbox collection, SQLite vs PostgreSQL (one server each):
  median and p95 of sequential calls over a mix of queries;
- cross-instance delivery: a legacy SSE session held by A, `ping` POSTed to A itself vs to B (whose
  answer crosses LISTEN/NOTIFY to A's stream): p50/p99 of POST-to-answer-on-the-stream.

Knobs: BENCH_BIN, DURATION (10s), CONNECTIONS (16), THREADS (2), SEARCHES (200), PINGS (200).
Writes bench/results/fleet-<stamp>/summary.md and prints it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(os.environ.get("BENCH_BIN", ROOT / ".build/debug/discogs-mcp")).resolve()
DURATION = os.environ.get("DURATION", "10s")
CONNECTIONS = os.environ.get("CONNECTIONS", "16")
THREADS = os.environ.get("THREADS", "2")
SEARCHES = int(os.environ.get("SEARCHES", "200"))
PINGS = int(os.environ.get("PINGS", "200"))
SECRET = "bench-fleet-secret-0123456789abcdefghijklmnopqrstuvwxyz"
TOKEN = "sandbox-personal-token"
ACCEPT = {"Accept": "application/json, text/event-stream"}
PROCS: list[subprocess.Popen] = []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"{what} exited during start-up")
        try:
            if httpx2.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx2.TransportError:
            pass
        time.sleep(0.1)
    sys.exit(f"{what} not ready")


def serve(workdir: Path, name: str, database: str, env: dict[str, str]) -> str:
    port = free_port()
    folder = workdir / name
    folder.mkdir()
    full = {k: v for k, v in os.environ.items() if not k.startswith("DISCOGS_")}
    full.update({
        "DISCOGS_MCP_SECRET": SECRET, "DISCOGS_TOKEN": TOKEN, "DISCOGS_MCP_LOG_LEVEL": "warning",
        "DISCOGS_MCP_RATE_LIMIT_PER_MINUTE": "0", "DISCOGS_MCP_IP_RATE_LIMIT_PER_MINUTE": "1000000",
        "DISCOGS_MCP_MAX_SESSIONS": "1000000", "DISCOGS_MCP_MAX_SESSIONS_PER_PRINCIPAL": "1000000",
        "DISCOGS_MCP_MAX_SESSIONS_PER_ADDRESS": "1000000", "DISCOGS_MCP_DISCOGS_REQUESTS_PER_MINUTE": "100000",
        "DISCOGS_MCP_COLLECTION_REFRESH_SECONDS": "0", **env,
    })
    log = open(folder / "stderr.log", "wb")
    proc = subprocess.Popen([str(BIN), "serve", "--port", str(port), "--database", database], env=full, cwd=folder, stdout=log, stderr=log)
    PROCS.append(proc)
    url = f"http://127.0.0.1:{port}"
    wait_ready(url, proc, name)
    return url


def start_nginx(workdir: Path, port: int, upstreams: list[str]) -> subprocess.Popen:
    site = (ROOT / "deploy/fleet/nginx.conf").read_text()
    servers = "\n".join(f"    server {u.removeprefix('http://')} max_fails=1 fail_timeout=5s;" for u in upstreams)
    site = re.sub(r"(    server 127\.0\.0\.1:\d+ [^\n]*\n)+", servers + "\n", site)
    site = re.sub(r"listen [^;]+;", f"listen 127.0.0.1:{port};", site)
    folder = Path(tempfile.mkdtemp(dir=workdir, prefix="nginx-"))
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(
        f"worker_processes 1; daemon off; pid {folder}/nginx.pid; error_log {folder}/error.log;\n"
        f"events {{ worker_connections 1024; }}\n"
        f"http {{ access_log off; client_body_temp_path {folder}/b; proxy_temp_path {folder}/p; fastcgi_temp_path {folder}/f;\n"
        f"  uwsgi_temp_path {folder}/u; scgi_temp_path {folder}/s; include {folder}/site.conf; }}\n"
    )
    proc = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-p", str(folder), "-c", str(folder / "nginx.conf")])
    PROCS.append(proc)
    wait_ready(f"http://127.0.0.1:{port}", proc, "nginx")
    return proc


def wrk(url: str, script: str, env: dict[str, str] | None = None) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", "-s", str(ROOT / "bench/wrk" / script), f"{url}/mcp"],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, check=True,
    ).stdout
    def latency(label: str) -> float:
        m = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": latency("50%"), "p99": latency("99%"),
            "non2xx": float(errors.group(1)) if errors else 0.0}


def call(url: str, tool: str, arguments: dict, timeout: float = 60) -> dict:
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": tool, "arguments": arguments, "_meta": {
        "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}}}
    headers = {**ACCEPT, "MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": tool}
    r = httpx2.post(f"{url}/mcp", json=body, headers=headers, timeout=timeout)
    r.raise_for_status()
    return r.json()


def search_latencies(url: str) -> list[float]:
    while "PARTIAL" in json.dumps(call(url, "search_collection", {"query": "a"}, timeout=300)):
        time.sleep(1)  # the first sync of 10,000 items (100 pages) finishes in the background
    queries = [{"query": q} for q in ("love", "blue night", "a", "the", "jazz", "live", "dub", "night")] + [
        {"genre": "Jazz"}, {"format": "Vinyl", "page": 2}, {"decade": 1970}, {"query": "love", "sort": "year"}]
    times = []
    for i in range(SEARCHES):
        start = time.perf_counter()
        call(url, "search_collection", queries[i % len(queries)])
        times.append((time.perf_counter() - start) * 1000)
    return times


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def relay_latencies(holder: str, via: str) -> list[float]:
    """POST ping to `via` for a legacy SSE session held by `holder`; ms until the answer is on the stream."""
    times: list[float] = []
    with httpx2.Client(timeout=httpx2.Timeout(10, read=30)) as http, http.stream("GET", f"{holder}/sse") as stream:
        lines = stream.iter_lines()
        endpoint = next(line[6:] for line in lines if line.startswith("data: "))
        arrived: dict[int, float] = {}
        done = threading.Event()

        def read() -> None:
            for line in lines:
                if line.startswith("data: ") and '"id"' in line:
                    arrived[json.loads(line[6:])["id"]] = time.perf_counter()
                    if len(arrived) > PINGS:
                        done.set()
                        return
        post = lambda body: http.post(f"{via}{endpoint}", json=body)  # noqa: E731
        post({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}}})
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        for i in range(1, PINGS + 1):
            sent = time.perf_counter()
            post({"jsonrpc": "2.0", "id": i, "method": "ping"})
            while i not in arrived:
                time.sleep(0.0002)
            times.append((arrived[i] - sent) * 1000)
    return times


def main() -> None:
    assert BIN.exists(), f"{BIN} is missing: swift build first (or set BENCH_BIN)"
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = ROOT / "bench/results" / f"fleet-{stamp}"
    out.mkdir(parents=True)
    workdir = Path(tempfile.mkdtemp(prefix="bench-fleet-"))
    started = subprocess.run([str(ROOT / "scripts/postgres-cluster"), "start"], capture_output=True, text=True, check=True).stdout
    cluster = dict(re.findall(r"export (\w+)='?([^'\n]+)'?", started))
    base = cluster["DISCOGS_MCP_TEST_POSTGRES_URL"]
    root = base.rpartition("/")[0]
    lines = [f"# bench/fleet — {stamp}, binary {BIN}", "", f"wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}; figures are req/s and ms.", ""]
    try:
        for name in ("fleet", "searchpg"):
            subprocess.run(["psql", base, "-q", "-c", f"CREATE DATABASE {name}"], check=True)
        sandbox_port = free_port()
        a = serve(workdir, "a", f"{root}/fleet?sslmode=disable", {"DISCOGS_MCP_SANDBOX_PORT": str(sandbox_port)})
        sandbox = f"http://127.0.0.1:{sandbox_port}"
        b = serve(workdir, "b", f"{root}/fleet?sslmode=disable", {"DISCOGS_MCP_SANDBOX": "off", "DISCOGS_API_URL": sandbox, "DISCOGS_WEB_URL": sandbox})
        release = httpx2.get(f"{sandbox}/users/sandbox_collector/collection/folders/0/releases?per_page=1",
                             headers={"Authorization": f"Discogs token={TOKEN}", "User-Agent": "bench/1.0"}).json()["releases"][0]["id"]
        call(a, "get_release", {"release_id": release})  # fills the shared response cache
        lines += ["| through nginx | instances | req/s | p50 ms | p99 ms | non-2xx |", "|---|---|---|---|---|---|"]
        figures: dict[tuple[str, int], dict[str, float]] = {}
        for count, upstreams in ((1, [a]), (2, [a, b])):
            port = free_port()
            nginx = start_nginx(workdir, port, upstreams)
            url = f"http://127.0.0.1:{port}"
            for label, script, env in (("tools/list", "tools_list_2026.lua", None), ("get_release (cached)", "get_release_2026.lua", {"RELEASE_ID": str(release)}),
                                      ("initialize (new session)", "initialize.lua", None)):
                wrk(url, script, env)  # warm-up
                f = figures[(label, count)] = wrk(url, script, env)
                lines.append(f"| {label} | {count} | {f['rps']:.0f} | {f['p50']:.2f} | {f['p99']:.2f} | {f['non2xx']:.0f} |")
            nginx.terminate()
            nginx.wait()
        lines += ["", "| ratio 2 instances / 1 | req/s |", "|---|---|"]
        for label in ("tools/list", "get_release (cached)", "initialize (new session)"):
            lines.append(f"| {label} | {figures[(label, 2)]['rps'] / figures[(label, 1)]['rps']:.2f}x |")

        holder_direct = relay_latencies(a, a)
        crossing = relay_latencies(a, b)
        lines += ["", "| legacy SSE ping, session on A | p50 ms | p99 ms |", "|---|---|---|",
                  f"| POST to A (same instance) | {pct(holder_direct, .5):.2f} | {pct(holder_direct, .99):.2f} |",
                  f"| POST to B (crosses LISTEN/NOTIFY) | {pct(crossing, .5):.2f} | {pct(crossing, .99):.2f} |"]

        search = {"DISCOGS_MCP_SANDBOX_COLLECTION_SIZE": "10000"}
        sqlite = serve(workdir, "search-sqlite", str(workdir / "search.sqlite"), search)
        postgres = serve(workdir, "search-pg", f"{root}/searchpg?sslmode=disable", search)
        lines += ["", f"| search_collection, 10,000 items, {SEARCHES} calls | median ms | p95 ms |", "|---|---|---|"]
        medians = {}
        for label, url in (("SQLite (FTS5)", sqlite), ("PostgreSQL (tsvector/GIN)", postgres)):
            times = search_latencies(url)
            medians[label] = statistics.median(times)
            lines.append(f"| {label} | {medians[label]:.2f} | {pct(times, .95):.2f} |")
        lines.append(f"| ratio PostgreSQL / SQLite (median) | {medians['PostgreSQL (tsvector/GIN)'] / medians['SQLite (FTS5)']:.2f}x | |")
    finally:
        for proc in reversed(PROCS):
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        subprocess.run([str(ROOT / "scripts/postgres-cluster"), "stop", cluster.get("DISCOGS_MCP_TEST_POSTGRES_DIR", "")], capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)
    summary = "\n".join(lines) + "\n"
    (out / "summary.md").write_text(summary)
    print(summary)


if __name__ == "__main__":
    main()

"""Issue 11: a fleet of `discogs-mcp` instances on one PostgreSQL database behind nginx.

Three instances share a fresh database of the throw-away cluster; instance A also runs the sandbox
Discogs, which B and C use as their Discogs (so there is one upstream and one request log). nginx
runs deploy/fleet/nginx.conf itself (ports rewritten), round-robin, as a non-daemon on loopback.

- The official SDK signs in through nginx and lists and calls tools in one session whose requests
  land on several instances (their /metrics and nginx's access log say so); after `kill -9` of one
  instance the client's next requests succeed on the others with the same grant and session.
- A legacy SSE session held by A receives the answers of POSTs that nginx sent to B or C, and is
  signed in through a login link completed on B: `list_changed` reaches A's stream.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from conftest import REPO, ServerProcess, _die_with_parent, free_port, oauth_env
from oauth_helper import BrowserStop, play_browser
from pg_support import fresh_database, psql
from sdk_storage import MemoryTokenStorage
from sse_reader import SSEReader
from test_postgres import provider, text_of

pytestmark = pytest.mark.anyio
METRICS_TOKEN = "fleet-metrics-token-0123456789abcdef"
PROTOCOL = "2025-06-18"


@dataclass
class Fleet:
    url: str
    instances: list[ServerProcess]
    pg_url: str
    sandbox: str
    access_log: Path
    nginx: subprocess.Popen[bytes] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def scrape(server: ServerProcess) -> str:
    r = httpx2.get(f"{server.url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=10)
    assert r.status_code == 200, r.text
    return r.text


def metric(text: str, name: str, **labels: str) -> float:
    """Sum of the samples of `name` whose labels include `labels`."""
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name) or line[len(name)] not in " {":
            continue
        if all(f'{k}="{v}"' in line for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
    return total


def nginx_config(workdir: Path, port: int, upstreams: list[int]) -> Path:
    """deploy/fleet/nginx.conf with this run's ports, inside a minimal main configuration."""
    site = (REPO / "deploy" / "fleet" / "nginx.conf").read_text()
    lines = []
    for line in site.splitlines():
        stripped = line.strip()
        if stripped.startswith("server 127.0.0.1:"):
            if not lines or "server 127.0.0.1:" not in lines[-1]:
                lines += [f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in upstreams]
            continue
        if stripped.startswith("listen "):
            line = f"    listen 127.0.0.1:{port};"
        lines.append(line)
    (workdir / "site.conf").write_text("\n".join(lines) + "\n")
    temp = {name: workdir / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    main = f"""
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log info;
events {{ worker_connections 512; }}
http {{
    log_format fleet '$request_method $uri $status upstream=$upstream_addr';
    access_log {workdir}/access.log fleet;
    client_body_temp_path {temp['body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {workdir}/site.conf;
}}
"""
    path = workdir / "nginx.conf"
    path.write_text(main)
    return path


def start_nginx(workdir: Path, config: Path, url: str) -> subprocess.Popen[bytes]:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(binary).exists(), "nginx is missing: scripts/test installs Debian's nginx package"
    proc = subprocess.Popen(
        [binary, "-p", str(workdir), "-c", str(config)], stdout=subprocess.DEVNULL, stderr=open(workdir / "stderr.log", "wb"),
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert proc.poll() is None, (workdir / "stderr.log").read_text() + (workdir / "error.log").read_text()
        try:
            if httpx2.get(f"{url}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx2.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("nginx did not start")


@pytest.fixture(scope="module")
def fleet(e2e_tmp: Path) -> Iterator[Fleet]:
    pg = fresh_database()
    pg_url = next(pg)
    workdir = e2e_tmp / "fleet"
    workdir.mkdir(parents=True, exist_ok=True)
    nginx_port, sandbox_port = free_port(), free_port()
    url, sandbox = f"http://127.0.0.1:{nginx_port}", f"http://127.0.0.1:{sandbox_port}"
    common = {"DISCOGS_MCP_PUBLIC_URL": url, "DISCOGS_MCP_TRUSTED_PROXIES": "127.0.0.1", "DISCOGS_MCP_METRICS_TOKEN": METRICS_TOKEN}
    first = oauth_env({**common, "DISCOGS_MCP_SANDBOX_PORT": str(sandbox_port)})
    others = oauth_env({
        **common, "DISCOGS_MCP_SANDBOX": "off", "DISCOGS_API_URL": sandbox, "DISCOGS_WEB_URL": sandbox,
        "DISCOGS_CONSUMER_KEY": "sandbox-consumer-key", "DISCOGS_CONSUMER_SECRET": "sandbox-consumer-secret",
    })
    instances: list[ServerProcess] = []
    nginx: subprocess.Popen[bytes] | None = None
    try:
        for name, env in (("fleet-a", first), ("fleet-b", others), ("fleet-c", others)):
            (workdir / name).mkdir(exist_ok=True)
            server = ServerProcess(name=name, args=["--database", pg_url], env=env, workdir=workdir / name)
            server.start()
            instances.append(server)
        config = nginx_config(workdir, nginx_port, [s.port for s in instances])
        nginx = start_nginx(workdir, config, url)
        yield Fleet(url=url, instances=instances, pg_url=pg_url, sandbox=sandbox, access_log=workdir / "access.log", nginx=nginx)
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        for server in reversed(instances):
            server.stop()
        pg.close()


def rpc(id: int, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"jsonrpc": "2.0", "id": id, "method": method}
    if params is not None:
        message["params"] = params
    return message


def test_sse_session_on_a_is_fed_by_other_instances_and_signed_in_by_a_link_completed_on_b(fleet: Fleet) -> None:
    a, b = fleet.instances[0], fleet.instances[1]
    relayed_before = metric(scrape(a), "discogs_mcp_fleet_message_lag_seconds_count", topic="sse_post")
    with httpx2.Client(timeout=httpx2.Timeout(10, read=30)) as http:
        with http.stream("GET", f"{a.url}/sse", headers={"Accept": "text/event-stream"}) as stream:
            reader = SSEReader(stream)
            endpoint = reader.next_event()
            assert endpoint["event"] == "endpoint", endpoint
            messages = fleet.url + endpoint["data"]  # through nginx: round-robin over A, B and C

            def call(id: int, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
                r = http.post(messages, json=rpc(id, method, params))
                assert r.status_code == 202, (r.status_code, r.text)
                return reader.next_message(id)

            init = call(0, "initialize", {"protocolVersion": PROTOCOL, "capabilities": {}, "clientInfo": {"name": "fleet-e2e", "version": "1"}})
            assert init["result"]["protocolVersion"] == PROTOCOL, init
            assert http.post(messages, json={"jsonrpc": "2.0", "method": "notifications/initialized"}).status_code == 202
            anonymous = {t["name"] for t in call(1, "tools/list")["result"]["tools"]}
            status = call(2, "tools/call", {"name": "auth_status", "arguments": {}})["result"]["structuredContent"]
            assert status["authenticated"] is False, status
            for id in range(3, 6):  # more POSTs, so that nginx certainly sends some to B and C
                assert "result" in call(id, "ping")

            # The link's page, its form and the Discogs callback: every step on B.
            link, code = status["loginUrl"], status["loginCode"]
            assert link.startswith(fleet.url), link
            on_b = lambda u: u.replace(fleet.url, b.url)  # noqa: E731
            try:
                play_browser(link, stop_at="http://never.invalid/", fill={"code": code}, rewrite=on_b)
                raise AssertionError("the login flow should end on the signed-in page")
            except BrowserStop as stop:
                assert stop.status == 200 and "Signed in" in stop.text, stop
            while True:  # the list_changed B's sign-in sent to A's stream
                event = reader.next_event()
                if event["event"] == "message" and json.loads(event["data"]).get("method") == "notifications/tools/list_changed":
                    break
            after = call(10, "tools/call", {"name": "auth_status", "arguments": {}})["result"]["structuredContent"]
            assert after["authenticated"] is True and after["method"] == "oauth", after
            signed_in = {t["name"] for t in call(11, "tools/list")["result"]["tools"]}
            assert anonymous < signed_in, sorted(signed_in - anonymous)

    text = scrape(a)
    assert metric(text, "discogs_mcp_fleet_message_lag_seconds_count", topic="sse_post") - relayed_before >= 2, "POSTs relayed to A"
    rebound = metric(text, "discogs_mcp_fleet_message_lag_seconds_count", topic="session_rebound")
    assert rebound >= 1, "B told A to sign the session in"
    within_a_second = metric(text, "discogs_mcp_fleet_message_lag_seconds_bucket", le="1.0")
    assert within_a_second == metric(text, "discogs_mcp_fleet_message_lag_seconds_count"), "every message crossed within a second"


def test_sse_url_elicitation_answered_through_the_fleet_and_completed_on_b(fleet: Fleet) -> None:
    """Issue 13 point 9 on a fleet: the client's answer to A's `elicitation/create` is POSTed to B
    (relayed to A), the link completes on B, and A's stream hears `elicitation/complete`."""
    a, b = fleet.instances[0], fleet.instances[1]
    with httpx2.Client(timeout=httpx2.Timeout(10, read=30)) as http:
        with http.stream("GET", f"{a.url}/sse", headers={"Accept": "text/event-stream"}) as stream:
            reader = SSEReader(stream)
            endpoint = reader.next_event()["data"]
            messages = fleet.url + endpoint

            def post(message: dict[str, Any], url: str = messages) -> None:
                r = http.post(url, json=message)
                assert r.status_code == 202, (r.status_code, r.text)

            capabilities = {"elicitation": {"form": {}, "url": {}}}
            post(rpc(0, "initialize", {"protocolVersion": "2025-11-25", "capabilities": capabilities, "clientInfo": {"name": "fleet-e2e", "version": "1"}}))
            assert reader.next_message(0)["result"]["protocolVersion"] == "2025-11-25"
            post({"jsonrpc": "2.0", "method": "notifications/initialized"})
            post(rpc(1, "tools/call", {"name": "search_collection", "arguments": {}}))
            asked = next(m for m in (json.loads(e["data"]) for e in iter(reader.next_event, None) if e["event"] == "message")
                         if m.get("method") == "elicitation/create")
            params = asked["params"]
            assert params["mode"] == "url" and params["url"].startswith(fleet.url), params
            # The answer goes to B, which relays it to A, where the call waits.
            post({"jsonrpc": "2.0", "id": asked["id"], "result": {"action": "accept"}}, url=b.url + endpoint)
            first = reader.next_message(1)["result"]
            assert first["isError"] is True and "call search_collection again" in first["content"][0]["text"], first
            code = re.search(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", params["message"]).group(1)
            on_b = lambda u: u.replace(fleet.url, b.url)  # noqa: E731
            try:
                play_browser(params["url"], stop_at="http://never.invalid/", fill={"code": code}, rewrite=on_b)
                raise AssertionError("the login flow should end on the signed-in page")
            except BrowserStop as stop:
                assert stop.status == 200 and "Signed in" in stop.text, stop
            heard: list[str] = []
            while "notifications/elicitation/complete" not in heard:
                event = reader.next_event()
                if event["event"] == "message":
                    message = json.loads(event["data"])
                    heard.append(message.get("method", ""))
                    if message.get("method") == "notifications/elicitation/complete":
                        assert message["params"] == {"elicitationId": params["elicitationId"]}, message
            assert heard[0] == "notifications/tools/list_changed", heard
            post(rpc(2, "tools/call", {"name": "search_collection", "arguments": {}}))
            retried = reader.next_message(2)["result"]
            assert retried.get("isError") is not True, retried



async def test_sdk_session_spans_instances_and_survives_a_killed_instance(fleet: Fleet) -> None:
    mcp_url = f"{fleet.url}/mcp"
    store = MemoryTokenStorage()
    before = [metric(scrape(s), "discogs_mcp_tool_calls_total") for s in fleet.instances]
    async with httpx2.AsyncClient(auth=provider(mcp_url, store), timeout=httpx2.Timeout(30, read=120)) as http:
        async with Client(streamable_http_client(mcp_url, http_client=http), mode="legacy") as c:
            tools = {t.name for t in (await c.list_tools()).tools}
            assert {"search_collection", "auth_status"} <= tools, sorted(tools)
            for query in ({"query": "a"}, {"query": "love"}, {"genre": "Jazz"}):
                result = await c.call_tool("search_collection", query)
                assert not result.is_error, text_of(result)
            for _ in range(6):
                assert not (await c.call_tool("auth_status", {})).is_error
            calls = [metric(scrape(s), "discogs_mcp_tool_calls_total") - n for s, n in zip(fleet.instances, before)]
            assert sum(1 for n in calls if n > 0) >= 2, f"one session's calls landed on several instances: {calls}"
            sessions = int(psql(fleet.pg_url, "SELECT count(*) FROM mcp_session WHERE transport = 'streamable-http'")[0][0])

            victim = fleet.instances[2]
            assert victim.proc is not None
            victim.proc.kill()  # kill -9: no drain, no goodbye
            victim.proc.wait(timeout=10)
            for _ in range(6):
                status = await c.call_tool("auth_status", {})
                assert not status.is_error, text_of(status)
            assert not (await c.call_tool("search_collection", {"query": "blue"})).is_error
            again = int(psql(fleet.pg_url, "SELECT count(*) FROM mcp_session WHERE transport = 'streamable-http'")[0][0])
            assert again == sessions, "the same session went on: no new handshake, no new sign-in"
    served = {line.rsplit("upstream=", 1)[1].split(",")[0].strip() for line in fleet.access_log.read_text().splitlines() if " /mcp " in line}
    assert len(served) >= 2, served


def test_fleet_unit_verifies_cleanly(tmp_path: Path) -> None:
    """deploy/fleet/discogs-mcp@.service, instantiated for a port, passes `systemd-analyze verify`."""
    from conftest import server_binary

    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is missing: scripts/test installs Debian's systemd package"
    unit = (REPO / "deploy" / "fleet" / "discogs-mcp@.service").read_text()
    assert "--port %i" in unit and "EnvironmentFile=/etc/discogs-mcp/fleet.env" in unit and "DynamicUser=yes" in unit
    template = tmp_path / "discogs-mcp@.service"
    template.write_text(unit.replace("/usr/local/bin/discogs-mcp", str(server_binary())))
    instance = tmp_path / "discogs-mcp@8081.service"
    instance.symlink_to(template)
    result = subprocess.run([analyze, "verify", str(instance)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stderr.strip(), f"exit {result.returncode}\n{result.stderr}"


# --- point 3: one Discogs budget for the fleet ------------------------------------------------------

BUDGET = 6
CONTROL_TOKEN = "fleet-sandbox-control-0123456789"


def budget_fleet(workdir: Path, pg_url: str, mode: str) -> tuple[list[ServerProcess], str]:
    """Three single-user instances (the sandbox's personal token) on one database and one sandbox
    Discogs that enforces `BUDGET` requests per minute, as the instances are told to."""
    from conftest import SANDBOX_PERSONAL_TOKEN, server_env

    sandbox_port = free_port()
    sandbox = f"http://127.0.0.1:{sandbox_port}"
    common = {
        "DISCOGS_MCP_DISCOGS_REQUESTS_PER_MINUTE": str(BUDGET), "DISCOGS_MCP_DISCOGS_BUDGET": mode, "DISCOGS_TOKEN": SANDBOX_PERSONAL_TOKEN,
        "DISCOGS_MCP_COLLECTION_REFRESH_SECONDS": "0", "DISCOGS_MCP_METRICS_TOKEN": METRICS_TOKEN,
    }
    first = server_env({**common, "DISCOGS_MCP_SANDBOX_PORT": str(sandbox_port), "DISCOGS_MCP_SANDBOX_CONTROL_TOKEN": CONTROL_TOKEN})
    others = server_env({**common, "DISCOGS_MCP_SANDBOX": "off", "DISCOGS_API_URL": sandbox, "DISCOGS_WEB_URL": sandbox})
    instances = []
    for name, env in ((f"{mode}-a", first), (f"{mode}-b", others), (f"{mode}-c", others)):
        (workdir / name).mkdir(parents=True, exist_ok=True)
        server = ServerProcess(name=name, args=["--database", pg_url], env=env, workdir=workdir / name)
        server.start()
        instances.append(server)
    return instances, sandbox


def search_burst(instances: list[ServerProcess], per_instance: int) -> list[bool]:
    """`per_instance` uncached search_database calls on each instance at once; which succeeded."""
    from concurrent.futures import ThreadPoolExecutor

    def session(server: ServerProcess) -> str:
        r = httpx2.post(server.mcp_url, json=rpc(0, "initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "b", "version": "1"}}),
                        headers={"Accept": "application/json, text/event-stream"}, timeout=30)
        assert r.status_code == 200, r.text
        return r.headers["mcp-session-id"]

    sessions = [session(s) for s in instances]

    def call(job: tuple[int, int]) -> bool:
        server, index = instances[job[0]], job[1]
        r = httpx2.post(server.mcp_url, json=rpc(1, "tools/call", {"name": "search_database", "arguments": {"query": f"budget-{job[0]}-{index}"}}),
                        headers={"Accept": "application/json, text/event-stream", "Mcp-Session-Id": sessions[job[0]], "MCP-Protocol-Version": "2025-06-18"},
                        timeout=90)
        assert r.status_code == 200, r.text
        return not r.json()["result"].get("isError", False)

    jobs = [(i, n) for i in range(len(instances)) for n in range(per_instance)]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(call, jobs))


@pytest.mark.parametrize("mode", ["shared", "per-instance"])
def test_shared_budget_keeps_the_fleet_under_discogs_limit(e2e_tmp: Path, mode: str) -> None:
    pg = fresh_database()
    pg_url = next(pg)
    instances: list[ServerProcess] = []
    try:
        instances, sandbox = budget_fleet(e2e_tmp / "budget", pg_url, mode)
        control = lambda route, body: httpx2.post(f"{sandbox}/_sandbox/{route}", json=body, headers={"X-Sandbox-Control": CONTROL_TOKEN}, timeout=10).json()  # noqa: E731
        control("stats", {"reset": True})
        results = search_burst(instances, per_instance=4)
        stats = control("stats", {})
        log = control("requests", {"last": 500})["requests"]
        searches = [r for r in log if r["path"].startswith("/database/search")]
        print(f"\n{mode}: sandbox stats {stats}; calls ok {sum(results)}/{len(results)}")
        if mode == "shared":
            # The sandbox saw the fleet stay within one budget: nothing refused, never more in a window.
            assert stats["over_budget_refusals"] == 0, stats
            assert stats["peak_window_used"] <= BUDGET, stats
            assert sum(results) == len([r for r in searches if r["status"] == 200]) <= BUDGET, (results, searches)
            assert psql(pg_url, "SELECT count(*) FROM discogs_request_slot")[0][0] == str(stats["total_requests"]), stats
        else:
            # Each instance spends its own budget: together they overrun the one Discogs grants.
            assert stats["over_budget_refusals"] > 0 or stats["peak_window_used"] > BUDGET, stats
    finally:
        for server in instances:
            server.stop()
        pg.close()

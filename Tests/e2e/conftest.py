"""Fixtures for the black-box end-to-end tests of the `discogs-mcp` executable.

The server is started as a real subprocess (`discogs-mcp serve …` on a free loopback port, or
`discogs-mcp stdio`) and driven over the wire only. Nothing here imports project code.

Environment:
  DISCOGS_MCP_BIN   path of the executable (default: <repo>/.build/debug/discogs-mcp)
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import httpx2
import pytest

# Helper modules whose asserts should explain themselves like the tests' own.
pytest.register_assert_rewrite("tools_harness")

REPO = Path(__file__).resolve().parents[2]
DEFAULT_BIN = REPO / ".build" / "debug" / "discogs-mcp"

# 32+ characters so the server never generates (and never logs) a secret of its own.
TEST_SECRET = "e2e-test-secret-0123456789abcdefghijklmnopqrstuvwxyz"
# The sandbox Discogs' personal token: with it the server runs single-user (no OAuth on /mcp),
# which is how the protocol suites run; test_oauth.py runs the sandbox's OAuth mode instead.
SANDBOX_PERSONAL_TOKEN = "sandbox-personal-token"
# One extra allowed Origin, so tests can tell "allowed" from "forbidden" origins.
ALLOWED_ORIGIN = "https://allowed.example"

# stdio without --database keeps its data in $XDG_DATA_HOME/discogs-mcp: never the real home's
# during tests. Launches that care set their own; this catches the rest.
_XDG_FALLBACK = tempfile.mkdtemp(prefix="discogs-mcp-e2e-xdg-")
atexit.register(shutil.rmtree, _XDG_FALLBACK, ignore_errors=True)

STARTUP_TIMEOUT = 60.0  # a debug build opening and migrating a fresh database
STDERR_TAIL_BYTES = 16_000


def server_binary() -> Path:
    """The executable under test; fails the test (never skips) when it is missing."""
    path = Path(os.environ.get("DISCOGS_MCP_BIN", str(DEFAULT_BIN)))
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.fail(
            f"server executable not found at {path}: run `swift build --product discogs-mcp` "
            "or set DISCOGS_MCP_BIN",
            pytrace=False,
        )
    return path


def server_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["DISCOGS_MCP_SECRET"] = TEST_SECRET
    env["DISCOGS_MCP_ALLOWED_ORIGINS"] = ALLOWED_ORIGIN
    # No Discogs credentials: the server must come up without them.
    for name in list(env):
        if name.startswith("DISCOGS_") and name not in ("DISCOGS_MCP_SECRET", "DISCOGS_MCP_ALLOWED_ORIGINS"):
            if name != "DISCOGS_MCP_BIN":
                env.pop(name)
    # The in-process sandbox Discogs, single-user: no network, no sign-in needed on /mcp.
    env["DISCOGS_MCP_SANDBOX"] = "on"
    env["DISCOGS_MCP_SANDBOX_COLLECTION_SIZE"] = "40"
    env["DISCOGS_TOKEN"] = SANDBOX_PERSONAL_TOKEN
    # The suites send hundreds of requests from one address; the limits get their own test.
    env["DISCOGS_MCP_IP_RATE_LIMIT_PER_MINUTE"] = "1000000"
    env["DISCOGS_MCP_RATE_LIMIT_PER_MINUTE"] = "1000000"
    # Likewise the session, registration and in-flight caps (test_hardening.py tests them).
    env["DISCOGS_MCP_MAX_SESSIONS_PER_PRINCIPAL"] = "1000000"
    env["DISCOGS_MCP_MAX_SESSIONS_PER_ADDRESS"] = "1000000"
    env["DISCOGS_MCP_REGISTRATIONS_PER_HOUR"] = "1000000"
    env["XDG_DATA_HOME"] = _XDG_FALLBACK
    if extra:
        env.update(extra)
    return env


def oauth_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Sandbox OAuth mode: no Discogs credentials at all, so users sign in through our OAuth
    server against the sandbox Discogs and `/mcp` requires a bearer token."""
    env = server_env()
    env.pop("DISCOGS_TOKEN", None)
    # Every login costs three sandbox Discogs calls (request token, access token, identity) and the
    # suite logs in many times within a minute: lift the upstream budget the sandbox enforces.
    env["DISCOGS_MCP_DISCOGS_REQUESTS_PER_MINUTE"] = "100000"
    if extra:
        env.update(extra)
    return env


def _die_with_parent() -> None:
    """Runs in the child before exec: SIGTERM it if the test runner dies (no orphaned servers)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, limit: int = STDERR_TAIL_BYTES) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:  # pragma: no cover - diagnostics only
        return f"<cannot read {path}: {e}>"
    if len(data) > limit:
        data = b"...[truncated]...\n" + data[-limit:]
    return data.decode("utf-8", "replace")


@dataclass
class ServerProcess:
    """A running `discogs-mcp serve` child process."""

    name: str
    args: list[str]
    env: dict[str, str]
    workdir: Path
    host: str = "127.0.0.1"
    # The address to bind when it differs from the one tests connect to (e.g. 0.0.0.0).
    bind_host: str | None = None
    port: int = 0
    # Reuse this port on start (a restart keeps the public URL, hence the issuer and token audiences).
    fixed_port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    stderr_path: Path = field(default_factory=Path)
    stdout_path: Path = field(default_factory=Path)
    # "https" when the server runs its built-in TLS; `verify` is then what trusts its certificate.
    scheme: str = "http"
    verify: Any = True

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    @property
    def mcp_url(self) -> str:
        return f"{self.url}/mcp"

    def start(self) -> None:
        binary = server_binary()
        last_error = ""
        for attempt in range(3):  # a port picked by free_port() can be taken in between
            self.port = self.fixed_port or free_port()
            self.stderr_path = self.workdir / f"{self.name}-{attempt}.stderr.log"
            self.stdout_path = self.workdir / f"{self.name}-{attempt}.stdout.log"
            cmd = [
                str(binary),
                "serve",
                "--host",
                self.bind_host or self.host,
                "--port",
                str(self.port),
                "--database",
                str(self.workdir / f"{self.name}-{attempt}.sqlite"),
                *self.args,
            ]
            with open(self.stderr_path, "wb") as err, open(self.stdout_path, "wb") as out:
                self.proc = subprocess.Popen(
                    cmd,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=err,
                    env=self.env,
                    cwd=self.workdir,
                    preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
                )
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    last_error = f"exited with {self.proc.returncode} during start-up"
                    break
                try:
                    r = httpx2.get(f"{self.url}/healthz", timeout=2.0, verify=self.verify)
                    if r.status_code == 200:
                        return
                    last_error = f"/healthz answered {r.status_code}"
                except httpx2.TransportError as e:
                    last_error = f"/healthz: {type(e).__name__}"
                time.sleep(0.1)
            else:
                last_error = f"/healthz not ready after {STARTUP_TIMEOUT:.0f}s ({last_error})"
                self.stop()
                break
        pytest.fail(
            f"server {self.name!r} failed to start: {last_error}\ncommand: {' '.join(cmd)}\n"
            f"--- stderr ---\n{self.stderr()}",
            pytrace=False,
        )

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stderr(self) -> str:
        return _tail(self.stderr_path) if self.stderr_path.name else ""

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL after 10 s. Returns the exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return self.proc.returncode


_RUNNING: list[ServerProcess] = []


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    """The SDK is built on anyio; run every async test on asyncio only."""
    return "asyncio"


@pytest.fixture(scope="session")
def e2e_tmp() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="discogs-mcp-e2e-") as d:
        yield Path(d)


def _serve(name: str, e2e_tmp: Path, args: list[str] | None = None, env: dict[str, str] | None = None) -> Iterator[ServerProcess]:
    workdir = e2e_tmp / name
    workdir.mkdir(parents=True, exist_ok=True)
    server = ServerProcess(name=name, args=args or [], env=env or server_env(), workdir=workdir)
    server.start()
    _RUNNING.append(server)
    try:
        yield server
    finally:
        _RUNNING.remove(server)
        died = server.proc is not None and server.proc.poll() is not None
        code = server.stop()
        if died:
            # The server must not die while tests are using it: report it loudly.
            sys.stderr.write(
                f"\n=== server {name!r} had exited (code {code}) before teardown; stderr follows ===\n"
                f"{server.stderr()}\n=== end of server stderr ===\n"
            )


@pytest.fixture(scope="module")
def server(e2e_tmp: Path, request: pytest.FixtureRequest) -> Iterator[ServerProcess]:
    """One `serve` process per test module (so a crash in one module does not cascade)."""
    name = Path(str(request.node.fspath)).stem
    yield from _serve(name, e2e_tmp)


@pytest.fixture(scope="module")
def oauth_server(e2e_tmp: Path, request: pytest.FixtureRequest) -> Iterator[ServerProcess]:
    """A `serve` process in sandbox OAuth mode (see `oauth_env`)."""
    name = Path(str(request.node.fspath)).stem + "-oauth"
    yield from _serve(name, e2e_tmp, env=oauth_env())


@pytest.fixture(scope="module")
def base_url(server: ServerProcess) -> str:
    """Base URL of the module's server, e.g. http://127.0.0.1:54321."""
    return server.url


@pytest.fixture(scope="module")
def fast_keepalive_server(e2e_tmp: Path, request: pytest.FixtureRequest) -> Iterator[ServerProcess]:
    """A server whose SSE keep-alive comment interval is 1 s."""
    name = Path(str(request.node.fspath)).stem + "-keepalive"
    yield from _serve(name, e2e_tmp, ["--keep-alive-seconds", "1"])


@dataclass
class StdioLaunch:
    """How to start `discogs-mcp stdio`: argv, environment and a scratch working directory
    (the default database goes to $XDG_DATA_HOME/discogs-mcp, set inside the scratch directory)."""

    command: str
    args: list[str]
    env: dict[str, str]
    cwd: Path


@pytest.fixture()
def stdio_launch(tmp_path: Path) -> StdioLaunch:
    return StdioLaunch(command=str(server_binary()), args=["stdio"], env=server_env({"XDG_DATA_HOME": str(tmp_path / "xdg")}), cwd=tmp_path)


_OFFSETS = pytest.StashKey[dict[str, int]]()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Iterator[None]:
    """On a failure, attach what each running server wrote to stderr during the test (and whether
    it died). After setup, the current stderr sizes are remembered so only new lines are shown."""
    outcome = yield
    report = outcome.get_result()
    if call.when == "setup":
        item.stash[_OFFSETS] = {srv.name: _size(srv.stderr_path) for srv in _RUNNING}
    if report.failed:
        offsets = item.stash.get(_OFFSETS, {})
        for srv in list(_RUNNING):
            status = "running" if srv.alive() else f"EXITED with {srv.proc.returncode if srv.proc else '?'}"
            start = offsets.get(srv.name, 0)
            try:
                with open(srv.stderr_path, "rb") as f:
                    f.seek(start)
                    data = f.read()
            except OSError:
                data = b""
            if len(data) > 6000:
                data = b"...[truncated]...\n" + data[-6000:]
            if data or not srv.alive():
                report.sections.append((f"server {srv.name} stderr during this test ({status})", data.decode("utf-8", "replace")))


# ---------------------------------------------------------------------------------------------
# Small helpers shared by the raw-HTTP test modules.
# ---------------------------------------------------------------------------------------------

LEGACY_VERSIONS = ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25")
MODERN_VERSION = "2026-07-28"
ACCEPT_BOTH = "application/json, text/event-stream"


def describe(resp: httpx2.Response) -> str:
    """One-paragraph rendering of an exchange, for assertion messages and the bug report."""
    req = resp.request
    body = req.content if req is not None else b""
    req_line = f"{req.method} {req.url.raw_path.decode()}" if req is not None else "?"
    hdrs = (
        ", ".join(f"{k}: {v}" for k, v in req.headers.items() if k.lower() not in ("host", "user-agent", "accept-encoding", "connection", "content-length"))
        if req is not None
        else ""
    )
    shown = body[:300].decode("utf-8", "replace") + ("…" if len(body) > 300 else "")
    rtext = resp.content[:600].decode("utf-8", "replace")
    rh = ", ".join(f"{k}: {v}" for k, v in resp.headers.items() if k.lower() not in ("date", "server"))
    return f"\n  request:  {req_line} [{hdrs}] {shown}\n  response: {resp.status_code} [{rh}] {rtext}"


def parse_sse(text: str) -> list[dict[str, Any]]:
    """Parse an SSE body into events: {'event', 'data', 'id'} (comments dropped)."""
    events: list[dict[str, Any]] = []
    cur: dict[str, Any] = {}
    data: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line == "":
            if data or cur:
                cur["data"] = "\n".join(data)
                cur.setdefault("event", "message")
                events.append(cur)
            cur, data = {}, []
            continue
        if line.startswith(":"):
            continue
        key, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if key == "data":
            data.append(value)
        elif key in ("event", "id", "retry"):
            cur[key] = value
    if data or cur:
        cur["data"] = "\n".join(data)
        cur.setdefault("event", "message")
        events.append(cur)
    return events


def rpc_body(resp: httpx2.Response) -> Any:
    """The JSON-RPC payload of a response, whether sent as application/json or as an SSE stream."""
    ctype = resp.headers.get("content-type", "")
    if ctype.startswith("text/event-stream"):
        msgs = [json.loads(e["data"]) for e in parse_sse(resp.text) if e["event"] == "message" and e["data"]]
        responses = [m for m in msgs if isinstance(m, dict) and ("result" in m or "error" in m)]
        assert responses, f"SSE response carried no JSON-RPC response{describe(resp)}"
        return responses[-1] if len(responses) == 1 else responses
    try:
        return resp.json()
    except ValueError:
        raise AssertionError(f"response body is not JSON{describe(resp)}") from None

"""What a new user meets first (issue 15) and the files the server leaves on disk (issue 14, point 7):
the sandbox token means the sandbox, stdio's data folder, the shutdown lines, the README naming
what the test command installs, and the modes of the data folder, database and secret."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, SANDBOX_PERSONAL_TOKEN, ServerProcess, server_binary, server_env
from tools_harness import connect

pytestmark = pytest.mark.anyio


def log_lines(text: str) -> list[dict[str, Any]]:
    """The JSON log lines of a server's stderr (the default format)."""
    lines = []
    for line in text.splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            continue
    return lines


def readme_like_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """No DISCOGS_* settings at all, as a person following the README has (no DISCOGS_MCP_SANDBOX)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCOGS_")}
    env.update(extra or {})
    return env


# --- item 1: the sandbox's own token means the sandbox -------------------------------------------


async def test_sandbox_token_means_the_sandbox_without_sandbox_setting(tmp_path: Path) -> None:
    """`DISCOGS_TOKEN=sandbox-personal-token` with DISCOGS_MCP_SANDBOX unset (auto) serves the
    sandbox account; before, it went to api.discogs.com and every Discogs tool failed."""
    server = ServerProcess(name="sandbox-token", args=[], env=readme_like_env({"DISCOGS_TOKEN": SANDBOX_PERSONAL_TOKEN}), workdir=tmp_path)
    server.start()
    try:
        async with connect(server.mcp_url) as tools:
            assert (await tools.call("server_info"))["discogsMode"] == "sandbox"
            started = time.monotonic()
            sc = await tools.call("search_collection", {})
            assert sc["total"] > 0, sc
            assert time.monotonic() - started < 30
    finally:
        server.stop()


# --- item 7: stdio's data folder ------------------------------------------------------------------


def run_stdio(cwd: Path, env: dict[str, str]) -> str:
    """Starts `discogs-mcp stdio`, closes its stdin at once (it exits), returns its stderr."""
    done = subprocess.run([str(server_binary()), "stdio"], cwd=cwd, env=env, input=b"", capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-4000:]
    return done.stderr.decode(errors="replace")


def stdio_env(**extra: str) -> dict[str, str]:
    env = server_env()
    env.pop("XDG_DATA_HOME", None)
    env.update(extra)
    return env


def test_stdio_uses_xdg_data_home_and_says_so_first(tmp_path: Path) -> None:
    anywhere = tmp_path / "anywhere"
    anywhere.mkdir()
    xdg = tmp_path / "xdg"
    stderr = run_stdio(anywhere, stdio_env(XDG_DATA_HOME=str(xdg)))
    assert not (anywhere / "data").exists(), "stdio created ./data in the client's working folder"
    database = xdg / "discogs-mcp" / "discogs-mcp.sqlite"
    assert database.is_file()
    first = log_lines(stderr)[0]
    assert first["msg"] == "discogs-mcp stdio starting", first
    assert first["database"] == str(database), first
    assert first["data_folder_source"] == "per-user data folder", first


def test_stdio_falls_back_to_local_share_under_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    anywhere = tmp_path / "anywhere"
    anywhere.mkdir()
    run_stdio(anywhere, stdio_env(HOME=str(home)))
    assert (home / ".local" / "share" / "discogs-mcp" / "discogs-mcp.sqlite").is_file()
    assert not (anywhere / "data").exists()


def test_stdio_in_a_checkout_and_with_a_database_keeps_them(tmp_path: Path) -> None:
    """With a ./config folder (a checkout) the working folder's ./data stays the default; a
    configured database always wins."""
    checkout = tmp_path / "checkout"
    (checkout / "config").mkdir(parents=True)
    xdg = tmp_path / "xdg"
    stderr = run_stdio(checkout, stdio_env(XDG_DATA_HOME=str(xdg)))
    assert (checkout / "data" / "discogs-mcp.sqlite").is_file()
    assert log_lines(stderr)[0]["data_folder_source"] == "working-folder default"
    configured = tmp_path / "elsewhere" / "mine.sqlite"
    stderr = run_stdio(checkout, stdio_env(XDG_DATA_HOME=str(xdg), DISCOGS_MCP_DATABASE=str(configured)))
    assert configured.is_file() and not xdg.exists()
    assert log_lines(stderr)[0]["data_folder_source"] == "configured"


# --- item 8: shutdown says it drained and stopped --------------------------------------------------


def test_sigterm_logs_draining_and_stopped(tmp_path: Path) -> None:
    server = ServerProcess(name="shutdown", args=[], env=server_env(), workdir=tmp_path)
    server.start()
    assert server.stop() == 0
    messages = [line["msg"] for line in log_lines(server.stderr())]
    began = next((i for i, m in enumerate(messages) if m.startswith("discogs-mcp shutting down on SIGTERM")), None)
    stopped = next((i for i, m in enumerate(messages) if m.startswith("discogs-mcp stopped")), None)
    assert began is not None and stopped is not None and began < stopped, messages[-8:]
    assert "drained" in messages[stopped] and stopped == len(messages) - 1, messages[-8:]


# --- item 9: the README names what the test command installs -------------------------------------


def test_readme_names_every_package_the_test_command_installs() -> None:
    script = (REPO / "scripts" / "test").read_text()
    packages = {p for call in re.findall(r"apt_install ([^\n|&;]+)", script) for p in call.split() if not p.startswith("$")}
    assert {"libsqlite3-dev", "prometheus"} <= packages, packages
    readme = (REPO / "README.md").read_text()
    missing = [p for p in sorted(packages) if f"`{p}`" not in readme]
    assert not missing, f"scripts/test installs {missing} but the README does not say so"


# --- issue 14 point 7: files on disk ----------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_fresh_start_creates_private_files(tmp_path: Path) -> None:
    """A fresh start under the usual umask 022: the data folder 0700, the database and its WAL
    and SHM 0600, the generated secret 0600."""
    data = tmp_path / "fresh" / "data"
    env = server_env()
    env.pop("DISCOGS_MCP_SECRET")  # the server generates its secret into the data folder
    server = ServerProcess(name="modes", args=[], env=env, workdir=tmp_path)
    old = os.umask(0o022)
    try:
        # ServerProcess puts the database in its workdir; point it into a folder that does not exist yet.
        server.workdir = tmp_path
        server.args = ["--database", str(data / "discogs-mcp.sqlite")]
        server.start()
    finally:
        os.umask(old)
    try:
        files = {name: data / name for name in ("discogs-mcp.sqlite", "discogs-mcp.sqlite-wal", "discogs-mcp.sqlite-shm", "server-secret")}
        for name, path in files.items():
            assert path.exists(), f"{name} missing: {sorted(p.name for p in data.iterdir())}"
        assert mode(data) == 0o700, oct(mode(data))
        assert {name: oct(mode(path)) for name, path in files.items()} == {name: "0o600" for name in files}
        assert "readable by other users" not in server.stderr()
    finally:
        server.stop()


def test_start_up_warns_about_files_others_can_read(tmp_path: Path) -> None:
    data = tmp_path / "shared"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    database = data / "discogs-mcp.sqlite"
    database.touch()
    os.chmod(database, 0o644)
    server = ServerProcess(name="exposed", args=["--database", str(database)], env=server_env(), workdir=tmp_path)
    server.start()
    try:
        warnings = [line for line in log_lines(server.stderr()) if line.get("level") == "warning" and "readable by other users" in line["msg"]]
        named = {line["path"]: line["mode"] for line in warnings}
        assert named.get(str(data)) == "755" and named.get(str(database)) == "644", warnings
    finally:
        server.stop()

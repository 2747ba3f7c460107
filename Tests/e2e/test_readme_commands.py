"""The README's commands, run exactly as written (issue 15): every shell line that starts the
server and every `claude_desktop_config.json` block, each with a throw-away data folder and a
free port (given through the environment, which the README leaves to the reader), and then
`search_collection` through the official SDK within 30 s of the server being ready.

The README is parsed when this module is collected, so a new command in it without a way to run
it here fails `test_readme_has_no_untested_commands` instead of going stale unnoticed.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client

from conftest import REPO, free_port
from test_oauth import provider

README = REPO / "README.md"
# The time the issue allows from "ready" to a search_collection answer (sign-in included).
READY_TO_ANSWER_SECONDS = 30.0
# `./scripts/serve` builds first; with a warm .build that is seconds, on a busy machine more.
SERVE_STARTUP_SECONDS = 600.0
# The suite's per-test timeout (120 s) is for ordinary tests; these may wait for a build.
pytestmark = [pytest.mark.anyio, pytest.mark.timeout(int(SERVE_STARTUP_SECONDS) + 120)]
# Placeholders the README tells the reader to replace, and what the test puts in their place.
PLACEHOLDERS = {"/path/to/discogs-mcp": str(REPO), "your Discogs personal access token": "sandbox-personal-token"}
# Shell commands that are not server starts, and why they are not run here.
NOT_SERVERS = {"./scripts/test": "the test command is what runs this suite"}


def code_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced block, indented ones (inside list items) included."""
    blocks: list[tuple[str, str]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = re.match(r"^(\s*)```(\w*)\s*$", lines[i])
        if not opening:
            i += 1
            continue
        indent, language = opening.group(1), opening.group(2)
        body: list[str] = []
        i += 1
        while i < len(lines) and not re.match(r"^\s*```\s*$", lines[i]):
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
            i += 1
        blocks.append((language, "\n".join(body)))
        i += 1
    return blocks


def block_commands(body: str) -> list[str]:
    """The command lines of one `sh` block, without trailing comments."""
    commands = []
    for line in body.splitlines():
        command = re.sub(r"\s+#.*$", "", line).strip()
        if command and not command.startswith("#"):
            commands.append(command)
    return commands


def shell_commands(text: str) -> list[str]:
    """Every command line of the README's `sh` blocks that is not part of a recipe block."""
    return [c for language, body in code_blocks(text) if language == "sh" and not is_recipe(body) for c in block_commands(body)]


def is_recipe(body: str) -> bool:
    """A block that sets variables and then starts the installed `discogs-mcp serve`: run as one script."""
    return any(c.startswith("discogs-mcp serve") for c in block_commands(body))


def recipes(text: str) -> list[str]:
    return [body for language, body in code_blocks(text) if language == "sh" and is_recipe(body)]


def desktop_configs(text: str) -> list[dict[str, Any]]:
    """The server entries of every `claude_desktop_config.json` block."""
    entries = []
    for language, body in code_blocks(text):
        if language == "json" and "mcpServers" in body:
            entries += list(json.loads(body)["mcpServers"].values())
    return entries


README_TEXT = README.read_text()
SERVE_COMMANDS = [c for c in shell_commands(README_TEXT) if "./scripts/serve" in c]
RECIPES = recipes(README_TEXT)
STDIO_CONFIGS = desktop_configs(README_TEXT)


def test_readme_has_no_untested_commands() -> None:
    """Every README command is either run below or named in NOT_SERVERS with the reason."""
    commands = shell_commands(README_TEXT)
    unknown = [c for c in commands if "./scripts/serve" not in c and not any(c.startswith(n) for n in NOT_SERVERS)]
    assert not unknown, f"README commands this test does not run: {unknown}"
    assert "./scripts/serve" in commands, commands
    assert any(c.startswith("DISCOGS_TOKEN=sandbox-personal-token ") for c in SERVE_COMMANDS), SERVE_COMMANDS
    assert STDIO_CONFIGS, "the README lost its Claude Desktop (stdio) configuration"


def readme_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment of a person following the README: none of the suite's DISCOGS_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCOGS_")}
    env.update(extra)
    return env


async def search_via_sdk(base: str, headers: dict[str, str] | None = None) -> tuple[float, dict[str, Any]]:
    """Calls search_collection on /mcp (signing in through OAuth if /mcp asks for it); returns the
    seconds it took and the structured answer."""
    started = time.monotonic()
    probe = httpx2.post(f"{base}/mcp", json={}, headers={"Accept": "application/json, text/event-stream", **(headers or {})}, timeout=10)
    auth = provider(f"{base}/mcp") if probe.status_code == 401 and not headers else None
    async with httpx2.AsyncClient(auth=auth, headers=headers, timeout=httpx2.Timeout(30, read=60)) as http:
        async with Client(streamable_http_client(f"{base}/mcp", http_client=http), mode="legacy") as client:
            result = await client.call_tool("search_collection", {})
    assert not result.is_error, result
    return time.monotonic() - started, result.structured_content or {}


@pytest.mark.parametrize("command", SERVE_COMMANDS)
async def test_readme_serve_command(command: str, tmp_path: Path) -> None:
    port = free_port()
    env = readme_env({"DISCOGS_MCP_PORT": str(port), "DISCOGS_MCP_DATABASE": str(tmp_path / "data" / "discogs-mcp.sqlite")})
    stderr_path = tmp_path / "serve.stderr.log"
    base = f"http://127.0.0.1:{port}"
    with open(stderr_path, "wb") as err:
        proc = subprocess.Popen(["bash", "-c", command], cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=err, stderr=err, start_new_session=True)
    try:
        deadline = time.monotonic() + SERVE_STARTUP_SECONDS
        while True:
            assert proc.poll() is None, f"`{command}` exited with {proc.returncode}:\n{stderr_path.read_text(errors='replace')[-6000:]}"
            assert time.monotonic() < deadline, f"`{command}` not ready after {SERVE_STARTUP_SECONDS:.0f} s"
            try:
                if httpx2.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            await anyio.sleep(0.2)
        with anyio.fail_after(READY_TO_ANSWER_SECONDS + 5):
            elapsed, answer = await search_via_sdk(base)
        log = stderr_path.read_text(errors="replace")
        assert elapsed <= READY_TO_ANSWER_SECONDS, f"search_collection took {elapsed:.1f} s after ready"
        assert answer.get("total", 0) > 0, answer
        listening = next(json.loads(line) for line in log.splitlines() if '"discogs-mcp listening"' in line)
        assert listening["discogs_mode"] == "sandbox", listening
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@pytest.mark.parametrize("entry", STDIO_CONFIGS, ids=lambda e: " ".join(e.get("args", [])))
async def test_readme_desktop_config(entry: dict[str, Any], tmp_path: Path) -> None:
    """The Claude Desktop entry, placeholders replaced as the README says, started in an unrelated
    folder (as Claude Desktop does) with a throw-away per-user data folder."""

    def fill(text: str) -> str:
        for placeholder, value in PLACEHOLDERS.items():
            text = text.replace(placeholder, value)
        return text

    command = fill(entry["command"])
    if not Path(command).exists():  # the README names the debug build; the suite may test another
        command = os.environ.get("DISCOGS_MCP_BIN", command)
    workdir = tmp_path / "anywhere"
    workdir.mkdir()
    env = readme_env({k: fill(v) for k, v in entry.get("env", {}).items()})
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    params = StdioServerParameters(command=command, args=[fill(a) for a in entry.get("args", [])], env=env, cwd=workdir)
    errlog_path = tmp_path / "stdio.stderr.log"
    with open(errlog_path, "w") as errlog:
        with anyio.fail_after(120):
            async with Client(stdio_client(params, errlog=errlog), mode="legacy") as client:
                started = time.monotonic()
                result = await client.call_tool("search_collection", {})
                elapsed = time.monotonic() - started
    assert not result.is_error, result
    assert elapsed <= READY_TO_ANSWER_SECONDS, f"search_collection took {elapsed:.1f} s after initialize"
    assert (result.structured_content or {}).get("total", 0) > 0, result
    assert not (workdir / "data").exists(), "stdio created ./data in the client's working folder"
    assert (tmp_path / "xdg" / "discogs-mcp" / "discogs-mcp.sqlite").is_file()


def child_environment(pid: int) -> dict[str, str]:
    """The server's environment: the shell's first child, or the shell itself when bash exec-ed the
    script's last command in place."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    raw = Path(f"/proc/{children[0] if children else pid}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: block_commands(r)[-1][:60])
async def test_readme_recipe(recipe: str, tmp_path: Path) -> None:
    """A recipe block (variables, then `discogs-mcp serve …`) as one script, in an empty folder (its
    ./data is the throw-away data folder), with `discogs-mcp` on PATH as the README assumes. Two
    things differ from the text, both placeholders for this machine: the token `…` is the sandbox's,
    and port 8080 (shared by everyone on this machine) is a free one."""
    port = free_port()
    script = recipe.replace("DISCOGS_TOKEN=…", "DISCOGS_TOKEN=sandbox-personal-token").replace("--port 8080", f"--port {port}")
    assert "sandbox-personal-token" in script and f"--port {port}" in script, "the recipe's placeholders changed: update this test"
    binary = Path(os.environ.get("DISCOGS_MCP_BIN", str(REPO / ".build" / "debug" / "discogs-mcp")))
    env = readme_env({"PATH": f"{binary.parent}:{os.environ.get('PATH', '')}"})
    stderr_path = tmp_path / "recipe.stderr.log"
    base = f"http://127.0.0.1:{port}"
    with open(stderr_path, "wb") as err:
        proc = subprocess.Popen(["bash", "-c", script], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, stdout=err, stderr=err, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"the recipe exited with {proc.returncode}:\n{stderr_path.read_text(errors='replace')[-6000:]}"
            assert time.monotonic() < deadline, "the recipe's server was not ready after 60 s"
            try:
                if httpx2.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            await anyio.sleep(0.2)
        key = child_environment(proc.pid).get("DISCOGS_MCP_ACCESS_KEY", "")
        assert len(key) >= 32, "the recipe's access key did not reach the server"
        assert httpx2.post(f"{base}/mcp", json={}, timeout=10).status_code == 401, "without the key /mcp must refuse"
        with anyio.fail_after(READY_TO_ANSWER_SECONDS + 5):
            elapsed, answer = await search_via_sdk(base, headers={"Authorization": f"Bearer {key}"})
        assert elapsed <= READY_TO_ANSWER_SECONDS, f"search_collection took {elapsed:.1f} s after ready"
        assert answer.get("total", 0) > 0, answer
        assert (tmp_path / "data" / "discogs-mcp.sqlite").is_file()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

"""What an operator deploys besides the binary: the MCP Registry's `server.json` and the systemd unit.

`server.json` is validated against the registry's server.json rules (Tests/e2e/registry), names the
version the server reports, and documents only settings that exist, marking the secret ones. The
systemd unit passes `systemd-analyze verify` with no warning at all.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO, server_binary

SCHEMA = REPO / "Tests" / "e2e" / "registry" / "server.schema.subset.json"
# Settings without a command-line flag besides the secrets (the consumer key travels with its secret).
NO_FLAG = {"DISCOGS_CONSUMER_KEY"}
SECRET_SETTINGS = {"DISCOGS_CONSUMER_SECRET", "DISCOGS_TOKEN", "DISCOGS_MCP_SECRET", "DISCOGS_MCP_ACCESS_KEY", "DISCOGS_MCP_METRICS_TOKEN"}


def _server_json() -> dict:
    return json.loads((REPO / "server.json").read_text())


def test_server_json_follows_the_registry_format() -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(_server_json()), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_schema_refuses_what_the_registry_refuses() -> None:
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text()))
    good = _server_json()
    for broken in (
        {**good, "name": "no-slash"},
        {**good, "description": "x" * 101},
        {**good, "version": "^1.2.3"},
        {k: v for k, v in good.items() if k != "version"},
        {**good, "remotes": [{"type": "websocket", "url": "wss://x"}]},
        {**good, "remotes": [{"type": "streamable-http", "url": "https://x/mcp", "headers": [{"isSecret": True}]}]},
    ):
        assert list(validator.iter_errors(broken)), f"accepted: {json.dumps(broken)[:200]}"


def test_server_json_matches_the_server() -> None:
    data = _server_json()
    source = (REPO / "Sources" / "App" / "Configuration" / "ServerConfiguration.swift").read_text()
    version = re.search(r'static let version = "([^"]+)"', source)
    assert version and data["version"] == version.group(1), "server.json's version must be the server's"
    help_text = subprocess.run([str(server_binary()), "serve", "--help"], capture_output=True, text=True, timeout=30).stdout
    help_text = " ".join(help_text.split())  # --help wraps at 80 columns, sometimes between "env" and the name
    readme = (REPO / "README.md").read_text()
    variables = data["_meta"]["io.modelcontextprotocol.registry/publisher-provided"]["environmentVariables"]
    for variable in variables:
        name = variable["name"]
        assert f"`{name}`" in readme, f"{name} is in server.json but not in the README's settings table"
        assert variable["isSecret"] == (name in SECRET_SETTINGS), f"{name}: isSecret must be {name in SECRET_SETTINGS}"
        if not variable["isSecret"] and name not in NO_FLAG:
            # Secrets have no flag (a command line is visible to every user); the rest are in --help.
            assert f"env {name}" in help_text, f"{name} is not a setting of `discogs-mcp serve`"
    assert {v["name"] for v in variables} >= SECRET_SETTINGS, "every secret setting is documented"
    assert [r["type"] for r in data["remotes"]] == ["streamable-http", "sse"]
    assert data["remotes"][0]["url"].endswith("/mcp") and data["remotes"][1]["url"].endswith("/sse")


def test_systemd_unit_verifies_cleanly(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is missing: scripts/test installs Debian's systemd package"
    unit = (REPO / "deploy" / "discogs-mcp.service").read_text()
    assert "ExecStart=/usr/local/bin/discogs-mcp serve" in unit
    for option in ("DynamicUser=yes", "StateDirectory=discogs-mcp", "EnvironmentFile=", "NoNewPrivileges=yes", "ProtectSystem=strict"):
        assert option in unit, option
    # verify checks that ExecStart exists: point it at the binary under test.
    copy = tmp_path / "discogs-mcp.service"
    copy.write_text(unit.replace("/usr/local/bin/discogs-mcp", str(server_binary())))
    result = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stderr.strip(), f"exit {result.returncode}\n{result.stderr}"


def test_readme_environment_files_name_only_real_settings() -> None:
    """The "Run it for Claude" environment files (`ini` blocks) use setting names the server knows."""
    readme = (REPO / "README.md").read_text()
    blocks = re.findall(r"```ini\n(.*?)```", readme, re.S)
    assert len(blocks) >= 2, "the README lost its environment-file examples"
    table = readme[readme.index("## Settings"):]
    for block in blocks:
        for line in block.splitlines():
            if line.strip() and not line.startswith("#"):
                name = line.split("=", 1)[0]
                assert f"| `{name}` |" in table, f"{name} in a README environment file is not in the settings table"

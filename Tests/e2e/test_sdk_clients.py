"""The official Python MCP SDK (`mcp==2.3.0`) against the real server, over every transport.

Each test connects with `mcp.Client`, checks the negotiated revision (the SDK silently falls back
from `auto` to the legacy handshake, so the revision is asserted explicitly), checks the `tools`
capability where the mode populates it, lists the tools and calls `server_info`.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.sse import sse_client
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client

from conftest import LEGACY_VERSIONS, MODERN_VERSION, ServerProcess, StdioLaunch

pytestmark = pytest.mark.anyio

EXPECTED_TOOLS = {"ping", "server_info", "auth_status"}
ALL_REVISIONS = {*LEGACY_VERSIONS, MODERN_VERSION}
TEST_TIMEOUT = 40.0  # the auto probe alone may wait 10 s on a broken server


def check_capabilities(client: Client) -> None:
    caps = client.server_capabilities
    assert caps.tools is not None, f"server did not advertise the tools capability: {caps!r}"


def check_server_identity(client: Client) -> None:
    info = client.server_info
    assert info is not None, "server did not identify itself (serverInfo / _meta serverInfo)"
    assert info.name == "discogs-mcp", info
    assert info.version, info


async def check_tools(client: Client) -> None:
    listing = await client.list_tools()
    names = {t.name for t in listing.tools}
    assert EXPECTED_TOOLS <= names, f"tools/list returned {sorted(names)}"
    for tool in listing.tools:
        assert tool.input_schema.get("type") == "object", (tool.name, tool.input_schema)
        assert tool.description, f"tool {tool.name} has no description"


async def check_server_info_call(client: Client, revision: str) -> None:
    result = await client.call_tool("server_info", {})
    assert not result.is_error, result
    texts = [block.text for block in result.content if getattr(block, "type", None) == "text"]
    assert texts, f"server_info returned no text content: {result.content!r}"
    assert "discogs-mcp" in "\n".join(texts), texts
    if revision < "2025-06-18":
        # structuredContent/outputSchema do not exist below 2025-06-18 (reference §6.3).
        assert result.structured_content is None, result.structured_content
        return
    sc = result.structured_content
    assert isinstance(sc, dict), f"server_info has no object structuredContent at {revision}: {sc!r}"
    assert sc.get("name") == "discogs-mcp", sc
    assert isinstance(sc.get("version"), str) and sc["version"], sc
    # Field names are the server's own; find them by meaning.
    revisions = _find(sc, "revisions")
    assert isinstance(revisions, list) and ALL_REVISIONS <= set(revisions), f"no list of all revisions in {sc}"
    negotiated = _find(sc, "negotiated")
    if negotiated is not None:
        assert negotiated == revision, f"server_info says {negotiated!r}, the client negotiated {revision!r}"
    transports = sc.get("transports")
    assert isinstance(transports, list) and transports, sc
    uptime = _find(sc, "uptime")
    assert isinstance(uptime, (int, float)) and uptime >= 0, f"no numeric uptime in {sc}"


def _find(payload: dict[str, Any], word: str) -> Any:
    for key, value in payload.items():
        if word in key.lower():
            return value
    return None


async def exercise(client: Client, revision: str) -> None:
    await check_tools(client)
    await check_server_info_call(client, revision)
    status = await client.call_tool("auth_status", {})
    assert not status.is_error, status
    assert status.content, status


# --- Streamable HTTP (/mcp) ----------------------------------------------------------------------


async def test_streamable_http_auto_ends_on_2026(server: ServerProcess) -> None:
    with anyio.fail_after(TEST_TIMEOUT):
        async with Client(server.mcp_url, mode="auto", cache=None) as client:
            assert client.protocol_version == MODERN_VERSION, (
                f"mode='auto' fell back to {client.protocol_version}: server/discover was not accepted"
            )
            check_capabilities(client)
            check_server_identity(client)
            await exercise(client, client.protocol_version)


async def test_streamable_http_pinned_2026(server: ServerProcess) -> None:
    with anyio.fail_after(TEST_TIMEOUT):
        async with Client(server.mcp_url, mode=MODERN_VERSION, cache=None) as client:
            assert client.protocol_version == MODERN_VERSION
            # A pinned mode synthesizes its discover result: capabilities are not the server's.
            await exercise(client, MODERN_VERSION)


async def test_streamable_http_legacy(server: ServerProcess) -> None:
    with anyio.fail_after(TEST_TIMEOUT):
        async with Client(server.mcp_url, mode="legacy") as client:
            assert client.protocol_version == "2025-11-25", client.protocol_version
            check_capabilities(client)
            check_server_identity(client)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                await client.send_ping()
            await exercise(client, client.protocol_version)


async def test_streamable_http_trailing_slash_legacy(server: ServerProcess) -> None:
    with anyio.fail_after(TEST_TIMEOUT):
        async with Client(streamable_http_client(server.mcp_url + "/"), mode="legacy") as client:
            assert client.protocol_version == "2025-11-25"
            await check_tools(client)


# --- legacy HTTP+SSE (/sse) ----------------------------------------------------------------------


async def test_sse_legacy(server: ServerProcess) -> None:
    with anyio.fail_after(TEST_TIMEOUT):
        async with Client(sse_client(f"{server.url}/sse", timeout=10.0), mode="legacy") as client:
            assert client.protocol_version == "2025-11-25", client.protocol_version
            check_capabilities(client)
            check_server_identity(client)
            await exercise(client, client.protocol_version)


# --- stdio -----------------------------------------------------------------------------------------


def _stdio_params(launch: StdioLaunch) -> StdioServerParameters:
    return StdioServerParameters(command=launch.command, args=launch.args, env=launch.env, cwd=launch.cwd)


@pytest.mark.parametrize("mode", ["legacy", "auto"])
async def test_stdio(stdio_launch: StdioLaunch, mode: str, request: pytest.FixtureRequest) -> None:
    errlog_path: Path = stdio_launch.cwd / "stdio.stderr.log"
    with open(errlog_path, "w") as errlog:
        try:
            with anyio.fail_after(TEST_TIMEOUT):
                async with Client(stdio_client(_stdio_params(stdio_launch), errlog=errlog), mode=mode) as client:
                    if mode == "legacy":
                        assert client.protocol_version == "2025-11-25", client.protocol_version
                    else:
                        assert client.protocol_version == MODERN_VERSION, (
                            f"stdio mode='auto' fell back to {client.protocol_version}: "
                            "server/discover with a modern _meta must be served statelessly (reference §4)"
                        )
                    check_capabilities(client)
                    check_server_identity(client)
                    await exercise(client, client.protocol_version)
        except BaseException:
            errlog.flush()
            print(f"--- discogs-mcp stdio stderr ---\n{errlog_path.read_text(errors='replace')[-8000:]}")
            raise

"""`DISCOGS_MCP_TOOLSETS`: an operator serves only part of the catalogue.

With `collection,wantlist` the official SDK lists exactly the tools of those toolsets plus the
`server` ones, `server_info` names the active toolsets, resources and prompts follow, and a toolset
name that does not exist stops start-up with one line naming the setting (exit code 78).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Iterator

import anyio
import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError

from conftest import ServerProcess, _serve, server_binary, server_env

pytestmark = pytest.mark.anyio

SERVER_TOOLS = {"ping", "server_info", "auth_status"}
COLLECTION_TOOLS = {
    "search_collection", "get_collection_stats", "get_recommendations", "refresh_collection", "get_collection_value", "list_folders",
    "list_custom_fields", "find_collection_gaps", "get_recent_activity", "compare_collections",
}
WANTLIST_TOOLS = {"get_wantlist", "add_to_wantlist", "remove_from_wantlist"}


@pytest.fixture(scope="module")
def server(e2e_tmp: Path) -> Iterator[ServerProcess]:
    yield from _serve("test_toolsets", e2e_tmp, env=server_env({"DISCOGS_MCP_TOOLSETS": "collection, wantlist"}))


async def test_only_the_chosen_toolsets_are_listed(server: ServerProcess) -> None:
    with anyio.fail_after(40):
        async with Client(server.mcp_url, mode="auto", cache=None) as client:
            names = {tool.name for tool in (await client.list_tools()).tools}
            assert names == SERVER_TOOLS | COLLECTION_TOOLS | WANTLIST_TOOLS, sorted(names)
            info = await client.call_tool("server_info", {})
            assert info.structured_content["toolsets"] == ["server", "collection", "wantlist"], info.structured_content
            found = await client.call_tool("search_collection", {"per_page": 5})
            assert not found.is_error, found
            with pytest.raises(MCPError, match="(?i)unknown tool"):
                await client.call_tool("search_database", {"query": "x"})


async def test_resources_and_prompts_follow_the_toolsets(server: ServerProcess) -> None:
    with anyio.fail_after(40):
        async with Client(server.mcp_url, mode="legacy") as client:
            resources = {r.uri for r in (await client.list_resources()).resources}
            assert {str(u) for u in resources} == {"discogs://collection", "discogs://wantlist"}, resources
            templates = (await client.list_resource_templates()).resource_templates
            assert templates == [], templates  # discogs://release/{id} belongs to `database`
            prompts = {p.name for p in (await client.list_prompts()).prompts}
            assert prompts == {
                "browse_collection", "collection_insights", "affordable_wants", "play_tonight", "most_valuable", "artist_gaps", "recent_changes",
                "compare_with_friend",
            }, prompts  # tidy_folders goes with collection_writes, find_music with database


def test_an_unknown_toolset_stops_start_up(tmp_path: Path) -> None:
    env = server_env({"DISCOGS_MCP_TOOLSETS": "collection,records"})
    proc = subprocess.run(
        [str(server_binary()), "serve", "--port", "65000", "--database", str(tmp_path / "db.sqlite")],
        env=env, cwd=tmp_path, capture_output=True, timeout=30,
    )
    assert proc.returncode == 78, (proc.returncode, proc.stderr[-2000:])
    lines = [line for line in proc.stderr.decode().splitlines() if "DISCOGS_MCP_TOOLSETS" in line]
    assert len(lines) == 1 and "records" in lines[0] and "marketplace" in lines[0], proc.stderr.decode()[-2000:]

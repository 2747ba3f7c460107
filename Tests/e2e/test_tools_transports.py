"""Resources and prompts through the SDK, and every read-only tool again over the stateless 2026-07-28
revision and over stdio (where the sandbox acts as the sample account without any token)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.shared.exceptions import MCPError
from mcp.client.stdio import stdio_client

from conftest import MODERN_VERSION, free_port
from sandbox_truth import SandboxTruth
from tools_harness import Sandboxed, Tools, connect, record_listing, start_sandboxed, tools_env

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def env(e2e_tmp: Path) -> Iterator[Sandboxed]:
    yield from start_sandboxed(e2e_tmp, "tools-transports")


def read_calls(truth: SandboxTruth) -> dict[str, dict[str, Any]]:
    """Arguments for every read-only tool, taken from the sandbox's own data."""
    collection = truth.collection()
    release = next(truth.release(c["id"]) for c in collection if truth.release(c["id"]).get("master_id"))
    listing = next(x for x in truth.pages(f"/users/{truth.user}/inventory", "listings") if x["status"] == "For Sale")
    order = truth.get("/marketplace/orders")["orders"][0]["id"]
    list_id = truth.get(f"/users/{truth.user}/lists")["lists"][0]["id"]
    return {
        "ping": {}, "server_info": {}, "auth_status": {},
        "search_collection": {"query": release["title"]}, "get_collection_stats": {}, "get_wantlist": {},
        "refresh_collection": {}, "get_recommendations": {"genre": release["genres"][0]},
        "get_collection_value": {}, "list_folders": {}, "list_custom_fields": {},
        "get_release": {"release_id": release["id"]}, "get_master": {"master_id": release["master_id"]},
        "get_master_versions": {"master_id": release["master_id"]}, "compare_pressings": {"master_id": release["master_id"], "count": 2},
        "rank_pressings": {"master_id": release["master_id"], "purpose": "collector"},
        "find_collection_gaps": {"artist_id": release["artists"][0]["id"], "check_owned": 1},
        "get_recent_activity": {"days": 7}, "compare_collections": {"username": "shelf_friend", "max_pages": 1},
        "get_release_rating": {"release_id": release["id"]}, "get_artist": {"artist_id": release["artists"][0]["id"]},
        "get_artist_releases": {"artist_id": release["artists"][0]["id"]}, "get_label": {"label_id": release["labels"][0]["id"]},
        "get_label_releases": {"label_id": release["labels"][0]["id"]}, "search_database": {"query": release["title"]},
        "get_user_profile": {}, "get_user_lists": {}, "get_list": {"list_id": list_id}, "fetch_image": {"release_id": release["id"]},
        "get_marketplace_stats": {"release_id": release["id"]}, "get_price_suggestions": {"release_id": release["id"]},
        "get_inventory": {}, "get_listing": {"listing_id": listing["id"]}, "list_orders": {}, "get_order": {"order_id": order},
        "get_order_messages": {"order_id": order},
    }


async def read_pass(tools: Tools, truth: SandboxTruth) -> None:
    """Calls every tool annotated read-only (a new one without arguments here fails) and checks a few answers."""
    calls = read_calls(truth)
    read_only = {name for name, tool in tools.definitions.items() if tool.annotations and tool.annotations.read_only_hint}
    assert read_only - set(calls) == set(), f"read-only tools without a read-pass call: {sorted(read_only - set(calls))}"
    for name in sorted(read_only):
        await tools.call(name, calls[name])
    sc = await tools.call("search_collection", {"per_page": 1})
    assert sc["total"] == len(truth.collection())
    sc = await tools.call("get_wantlist", {"per_page": 1})
    assert sc["total"] == len(truth.wantlist())


async def test_tools_read_pass_2026(env: Sandboxed) -> None:
    async with connect(env.server.mcp_url, mode=MODERN_VERSION) as tools:
        assert tools.client.protocol_version == MODERN_VERSION
        record_listing("transports-2026", tools)
        await read_pass(tools, env.truth)
        # 2026-07-28 has no ping tool semantics change; errors are still tool errors.
        text = await tools.error("get_release", {"release_id": 987_654_321})
        assert "987654321" in text, text


async def test_tools_read_pass_stdio_sample_account(e2e_tmp: Path) -> None:
    port = free_port()
    environment = tools_env(port)
    environment.pop("DISCOGS_TOKEN")  # the sandbox serves the sample account to a token-less stdio server
    workdir = e2e_tmp / "tools-stdio"
    workdir.mkdir(parents=True, exist_ok=True)
    environment["XDG_DATA_HOME"] = str(workdir / "xdg")
    params = StdioServerParameters(command=environment.get("DISCOGS_MCP_BIN") or _binary(), args=["stdio"], env=environment, cwd=workdir)
    errlog_path = workdir / "stderr.log"
    with open(errlog_path, "w") as errlog:
        try:
            with anyio.fail_after(90):
                async with Client(stdio_client(params, errlog=errlog), mode="legacy") as client:
                    tools = await Tools(client).load()
                    record_listing("transports-stdio", tools)
                    truth = SandboxTruth(base=f"http://127.0.0.1:{port}")
                    await read_pass(tools, truth)
                    sc = await tools.call("auth_status")
                    assert sc["authenticated"] is True, sc
                    assert (await tools.call("get_user_profile"))["username"] == truth.user
        except BaseException:
            errlog.flush()
            print(f"--- discogs-mcp stdio stderr ---\n{errlog_path.read_text(errors='replace')[-8000:]}")
            raise


def _binary() -> str:
    from conftest import server_binary

    return str(server_binary())


async def test_tools_resources(env: Sandboxed) -> None:
    collection = env.truth.collection()
    wants = env.truth.wantlist()
    release = collection[0]["id"]
    async with connect(env.server.mcp_url) as tools:
        listed = await tools.client.list_resources()
        uris = {str(r.uri) for r in listed.resources}
        assert {"discogs://collection", "discogs://wantlist"} <= uris, uris
        templates = await tools.client.list_resource_templates()
        assert "discogs://release/{id}" in {t.uri_template for t in templates.resource_templates}

        summary = _json(await tools.client.read_resource("discogs://collection"))
        assert summary["totalItems"] == len(collection) and summary["complete"] is True, summary
        truth_folders = {f["id"]: f["count"] for f in env.truth.folders()}
        assert {f["id"]: f["count"] for f in summary["folders"]} == truth_folders
        summary = _json(await tools.client.read_resource("discogs://wantlist"))
        assert summary["totalItems"] == len(wants), summary

        body = _json(await tools.client.read_resource(f"discogs://release/{release}"))
        truth = env.truth.release(release)
        assert (body["id"], body["title"]) == (truth["id"], truth["title"])
        assert [a["name"] for a in body["artists"]] == [a["name"] for a in truth["artists"]]


def _json(result: Any) -> dict[str, Any]:
    (content,) = result.contents
    assert content.mime_type == "application/json", content
    return json.loads(content.text)


async def test_tools_prompts(env: Sandboxed) -> None:
    async with connect(env.server.mcp_url) as tools:
        listed = await tools.client.list_prompts()
        names = {p.name for p in listed.prompts}
        assert {"browse_collection", "find_music", "collection_insights"} <= names, names
        jobs = {
            "affordable_wants": ({"budget": "30", "currency": "EUR"}, ["get_wantlist", "get_marketplace_stats", "rank_pressings", "30 EUR"]),
            "play_tonight": ({"mood": "chill", "minutes": "90"}, ["get_recommendations", "get_recent_activity", "\"chill\"", "90 minutes"]),
            "most_valuable": ({"count": "5"}, ["get_collection_value", "get_marketplace_stats", "rank_pressings", "Which 5 records"]),
            "tidy_folders": ({"scheme": "decade"}, ["list_folders", "move_release", "by decade"]),
            "artist_gaps": ({"artist": "Miles Davis", "purpose": "listening"}, ["find_collection_gaps", "artist \"Miles Davis\"", "purpose listening"]),
            "recent_changes": ({"days": "14"}, ["refresh_collection", "get_recent_activity with days 14"]),
            "compare_with_friend": ({"username": "shelf_friend"}, ["compare_collections", "username \"shelf_friend\""]),
        }
        assert set(jobs) <= names, names
        listed_arguments = {p.name: [a.name for a in p.arguments or []] for p in listed.prompts}
        for name, (arguments, expected) in jobs.items():
            assert sorted(listed_arguments[name]) == sorted(arguments), (name, listed_arguments[name])
            got = await tools.client.get_prompt(name, arguments)
            text = "\n".join(m.content.text for m in got.messages if getattr(m.content, "type", None) == "text")
            assert all(part in text for part in expected), (name, text)
            assert all(part in tools.definitions for part in expected if part.isidentifier()), name  # the tools it names are real
        with pytest.raises(MCPError):
            await tools.client.get_prompt("artist_gaps", {})
        prompt = await tools.client.get_prompt("find_music", {"description": "late-night modal jazz", "owned_only": "true"})
        text = "\n".join(m.content.text for m in prompt.messages if getattr(m.content, "type", None) == "text")
        assert "late-night modal jazz" in text and "search_collection" in text, text
        prompt = await tools.client.get_prompt("browse_collection", {"focus": "Blue Note"})
        assert "Blue Note" in prompt.messages[0].content.text
        prompt = await tools.client.get_prompt("collection_insights", {})
        assert "get_collection_stats" in prompt.messages[0].content.text

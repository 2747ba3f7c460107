"""The Discogs database tools (releases, masters, artists, labels, search, ratings, images) through the
SDK, each answer compared field by field with what the sandbox Discogs itself serves."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any, Iterator

import pytest

from tools_harness import Sandboxed, connect, record_listing, start_sandboxed, texts

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def env(e2e_tmp: Path) -> Iterator[Sandboxed]:
    yield from start_sandboxed(e2e_tmp, "tools-database")


def a_release_with_master(env: Sandboxed) -> dict[str, Any]:
    for item in env.truth.collection():
        release = env.truth.release(item["id"])
        if release.get("master_id"):
            return release
    raise AssertionError("no collected release has a master")


async def test_tools_release_master_match_truth(env: Sandboxed) -> None:
    release = a_release_with_master(env)
    async with connect(env.server.mcp_url) as tools:
        record_listing("database", tools)
        sc = await tools.call("get_release", {"release_id": release["id"]})
        assert sc["id"] == release["id"] and sc["title"] == release["title"]
        assert [a["name"] for a in sc["artists"]] == [a["name"] for a in release["artists"]]
        assert sc.get("year") == (release.get("year") or None)
        assert sc.get("country") == release.get("country")
        assert sc["genres"] == release["genres"] and sc.get("styles", []) == release.get("styles", [])
        assert [(lab["name"], lab.get("catno")) for lab in sc["labels"]] == [(lab["name"], lab.get("catno")) for lab in release["labels"]]
        assert [t["title"] for t in sc["tracklist"]] == [t["title"] for t in release["tracklist"]]
        assert sc["master_id"] == release["master_id"]
        owned = [c["instance_id"] for c in env.truth.get(f"/users/{env.truth.user}/collection/releases/{release['id']}")["releases"]]
        assert [c["instance_id"] for c in sc["your_copies"]] == owned

        master = env.truth.get(f"/masters/{release['master_id']}")
        sc = await tools.call("get_master", {"master_id": master["id"]})
        assert (sc["id"], sc["title"], sc["main_release"]) == (master["id"], master["title"], master["main_release"])
        assert sc.get("year") == (master.get("year") or None)
        assert [t["title"] for t in sc["tracklist"]] == [t["title"] for t in master["tracklist"]]

        versions = env.truth.get(f"/masters/{master['id']}/versions", per_page=100)
        sc = await tools.call("get_master_versions", {"master_id": master["id"], "per_page": 100})
        assert sc["pagination"]["items"] == versions["pagination"]["items"]
        assert {v["id"] for v in sc["versions"]} == {v["id"] for v in versions["versions"]}
        sc = await tools.call("compare_pressings", {"master_id": master["id"], "count": 3})
        compared = {v.get("release_id", v.get("id")) for v in sc["versions"]}
        assert compared and compared <= {v["id"] for v in versions["versions"]}, sc

        rating = env.truth.get(f"/releases/{release['id']}/rating")["rating"]
        mine = env.truth.get(f"/releases/{release['id']}/rating/{env.truth.user}")["rating"]
        sc = await tools.call("get_release_rating", {"release_id": release["id"]})
        assert (sc["community_average"], sc["community_count"], sc["user_rating"]) == (rating["average"], rating["count"], mine)


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds < 3600 else f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


async def test_tools_release_videos_match_truth(env: Sandboxed) -> None:
    """get_release lists exactly the videos Discogs lists (title, length, link), in order, in both forms;
    a release without videos says nothing about them."""
    collected = [item["id"] for item in env.truth.collection()[:12]]
    releases = [env.truth.release(release_id) for release_id in collected]
    with_videos = [r for r in releases if len(r["videos"]) >= 2]
    without = [r for r in releases if not r["videos"]]
    assert with_videos and without, "the sandbox should give some releases several videos and some none"
    async with connect(env.server.mcp_url) as tools:
        for release in with_videos[:3]:
            result = await tools.raw("get_release", {"release_id": release["id"]})
            sc = result.structured_content
            assert [(v["title"], v["url"], v["duration_seconds"], v["description"]) for v in sc["videos"]] == [
                (v["title"], v["uri"], v["duration"], v["description"]) for v in release["videos"]
            ]
            text = texts(result)
            assert f"Videos ({len(release['videos'])}):" in text, text
            for video in release["videos"]:
                assert f"  {video['title']} ({clock(video['duration'])}) {video['uri']}" in text.splitlines(), text
        result = await tools.raw("get_release", {"release_id": without[0]["id"]})
        assert not (result.structured_content or {}).get("videos") and "Videos (" not in texts(result)


async def test_tools_artist_label_match_truth(env: Sandboxed) -> None:
    release = a_release_with_master(env)
    artist = env.truth.get(f"/artists/{release['artists'][0]['id']}")
    label = env.truth.get(f"/labels/{release['labels'][0]['id']}")
    async with connect(env.server.mcp_url) as tools:
        sc = await tools.call("get_artist", {"artist_id": artist["id"]})
        assert (sc["id"], sc["name"]) == (artist["id"], artist["name"])
        assert sc.get("real_name") == (artist.get("realname") or None) and sc.get("profile") == (artist.get("profile") or None)
        truth = env.truth.get(f"/artists/{artist['id']}/releases", per_page=100)
        sc = await tools.call("get_artist_releases", {"artist_id": artist["id"], "per_page": 100})
        assert sc["pagination"]["items"] == truth["pagination"]["items"]
        assert {(r["type"], r["id"]) for r in sc["releases"]} == {(r["type"], r["id"]) for r in truth["releases"]}

        sc = await tools.call("get_label", {"label_id": label["id"]})
        assert (sc["id"], sc["name"]) == (label["id"], label["name"])
        assert sc.get("profile") == (label.get("profile") or None)
        truth = env.truth.get(f"/labels/{label['id']}/releases", per_page=100)
        sc = await tools.call("get_label_releases", {"label_id": label["id"], "per_page": 100})
        assert sc["pagination"]["items"] == truth["pagination"]["items"]
        assert {r["id"] for r in sc["releases"]} == {r["id"] for r in truth["releases"]}


async def test_tools_search_database_matches_truth(env: Sandboxed) -> None:
    release = a_release_with_master(env)
    genre = release["genres"][0]
    async with connect(env.server.mcp_url) as tools:
        for arguments, params in [
            ({"query": release["title"]}, {"q": release["title"]}),
            ({"genre": genre, "type": "release", "per_page": 50}, {"genre": genre, "type": "release", "per_page": 50}),
            ({"artist": release["artists"][0]["name"], "type": "master"}, {"artist": release["artists"][0]["name"], "type": "master"}),
        ]:
            truth = env.truth.get("/database/search", **params)
            sc = await tools.call("search_database", arguments)
            assert sc["pagination"]["items"] == truth["pagination"]["items"], arguments
            assert [(r["type"], r["id"]) for r in sc["results"]] == [(r["type"], r["id"]) for r in truth["results"]], arguments
            by_id = {(r["type"], r["id"]): r for r in truth["results"]}
            for hit in sc["results"]:
                if hit["type"] == "release":
                    assert hit.get("in_collection") == by_id[(hit["type"], hit["id"])]["user_data"]["in_collection"]
        text = await tools.error("search_database", {})
        assert "query" in text, text


async def test_tools_fetch_image_returns_an_image(env: Sandboxed) -> None:
    release = a_release_with_master(env)
    async with connect(env.server.mcp_url) as tools:
        for arguments in ({"release_id": release["id"]}, {"artist_id": release["artists"][0]["id"], "size": "thumbnail"}):
            result = await tools.raw("fetch_image", arguments)
            assert not result.is_error, texts(result)
            images = [b for b in result.content if getattr(b, "type", None) == "image"]
            assert len(images) == 1, result.content
            data = base64.b64decode(images[0].data)
            assert images[0].mime_type.startswith("image/") and len(data) > 16
            assert data[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"\xff\xd8\xff\xdb", b"GIF8", b"RIFF") or data[:2] == b"\xff\xd8"
            sc = await tools.call("fetch_image", arguments)
            assert sc["bytes"] == len(data) and sc["mime_type"] == images[0].mime_type
        text = await tools.error("fetch_image", {"release_id": release["id"], "artist_id": 1})
        assert "exactly one" in text, text


async def test_tools_unknown_ids_are_actionable_errors(env: Sandboxed) -> None:
    async with connect(env.server.mcp_url) as tools:
        text = await tools.error("get_release", {"release_id": 987_654_321})
        assert "987654321" in text and ("not found" in text.lower() or "no release" in text.lower()), text
        await tools.error("get_master", {"master_id": 987_654_321})
        await tools.error("get_artist", {"artist_id": 987_654_321})
        # An invalid argument is a tool error too (2025-11-25: input validation errors are isError).
        text = await tools.error("get_release", {"release_id": "abc"})
        assert "release_id" in text, text
        text = await tools.error("get_release", {})
        assert "release_id" in text, text
        text = await tools.error("get_label", {"label_id": 1, "bogus": True})
        assert "bogus" in text, text

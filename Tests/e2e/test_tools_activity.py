"""get_recent_activity through the SDK: after a scripted set of writes (through the server, and made
directly on the sandbox Discogs then found by a refresh), it lists exactly those changes.

The index records nothing while it first fills (that is not activity), so right after the first sync
the range is empty; every change after that is one event, labelled with who made it.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import pytest

from tools_harness import Sandboxed, connect, start_sandboxed, texts, truth_post

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def env(e2e_tmp: Path) -> Iterator[Sandboxed]:
    yield from start_sandboxed(e2e_tmp, "tools-activity")


def iso(seconds: float) -> str:
    return datetime.fromtimestamp(int(seconds), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def absent_releases(env: Sandboxed, count: int) -> list[int]:
    taken = {c["id"] for c in env.truth.collection()} | {w["id"] for w in env.truth.wantlist()}
    found: list[int] = []
    for hit in env.truth.pages("/database/search", "results", type="release"):
        if hit["id"] not in taken and hit["id"] not in found:
            found.append(hit["id"])
        if len(found) == count:
            return found
    raise AssertionError(f"the sandbox catalog has fewer than {count} releases nobody collects or wants")


def single_copies(env: Sandboxed) -> list[dict[str, Any]]:
    """Collected releases with exactly one copy, so each change touches one known instance."""
    collection = env.truth.collection()
    counts: dict[int, int] = {}
    for c in collection:
        counts[c["id"]] = counts.get(c["id"], 0) + 1
    return [c for c in collection if counts[c["id"]] == 1]


async def activity(tools: Any, since: str, **extra: Any) -> tuple[dict[str, Any], str]:
    result = await tools.raw("get_recent_activity", {"since": since, "per_page": 100, **extra})
    assert not result.is_error, texts(result)
    return result.structured_content, texts(result)


async def test_tools_recent_activity_lists_exactly_the_changes(env: Sandboxed) -> None:
    user = env.truth.user
    new_copy, new_want, outside_copy = absent_releases(env, 3)
    copies = single_copies(env)
    to_move, to_rate, to_remove = copies[0], copies[1], copies[2]
    wants = env.truth.wantlist()
    to_unwant, outside_unwant = wants[0]["id"], wants[1]["id"]
    folders = {f["id"]: f["name"] for f in env.truth.folders()}
    destination = next(f for f in folders if f not in (0, to_move["folder_id"]))
    async with connect(env.server.mcp_url) as tools:
        start = time.time()
        sc, text = await activity(tools, iso(start - 1))  # fills both lists first
        assert sc["total"] == 0 and sc["events"] == [], sc
        assert text.startswith("No changes to your collection or wantlist"), text
        since = iso(time.time())
        time.sleep(1.1)  # every change below happens after `since`, at whole-second resolution

        added = await tools.call("add_to_collection", {"release_id": new_copy})
        await tools.call("move_release", {"release_id": to_move["id"], "instance_id": to_move["instance_id"], "to_folder_id": destination})
        new_rating = to_rate["rating"] % 5 + 1
        await tools.call("rate_release", {"release_id": to_rate["id"], "instance_id": to_rate["instance_id"], "rating": new_rating})
        await tools.call("remove_from_collection", {"release_id": to_remove["id"], "instance_id": to_remove["instance_id"]})
        await tools.call("add_to_wantlist", {"release_id": new_want})
        await tools.call("remove_from_wantlist", {"release_id": to_unwant})
        # Behind the server's back, on "discogs.com": then a refresh finds them.
        outside = truth_post(env.truth, f"/users/{user}/collection/folders/1/releases/{outside_copy}").json()["instance_id"]
        truth_post(env.truth, f"/users/{user}/wants/{outside_unwant}", method="DELETE")
        await tools.call("refresh_collection", {})

        sc, text = await activity(tools, since)
    expected = {
        ("added", new_copy, added["instance_id"], "server"),
        ("moved", to_move["id"], to_move["instance_id"], "server"),
        ("rated", to_rate["id"], to_rate["instance_id"], "server"),
        ("removed", to_remove["id"], to_remove["instance_id"], "server"),
        ("wanted", new_want, new_want, "server"),
        ("unwanted", to_unwant, to_unwant, "server"),
        ("added", outside_copy, outside, "discogs"),
        ("unwanted", outside_unwant, outside_unwant, "discogs"),
    }
    got = [(e["kind"], e["release_id"], e["instance_id"], e["source"]) for e in sc["events"]]
    assert len(got) == len(expected) and set(got) == expected, got
    assert sc["total"] == 8 and sc["counts"] == {"added": 2, "moved": 1, "rated": 1, "removed": 1, "wanted": 1, "unwanted": 2}, sc
    by_kind = {e["kind"]: e for e in sc["events"] if e["source"] == "server"}
    assert (by_kind["moved"]["folder_from"], by_kind["moved"]["folder_to"]) == (f'"{folders[to_move["folder_id"]]}"', f'"{folders[destination]}"')
    assert (by_kind["rated"]["rating_from"], by_kind["rated"]["rating_to"]) == (to_rate["rating"], new_rating)
    assert by_kind["added"]["title"] == env.truth.release(new_copy)["title"]
    assert [e["at"] for e in sc["events"]] == sorted((e["at"] for e in sc["events"]), reverse=True), "newest first"
    assert text.count("through this server") == 6 and text.count("found on Discogs") == 2, text
    assert f"· rated · " in text and f"{to_rate['rating']} → {new_rating} stars" in text, text

    async with connect(env.server.mcp_url) as tools:
        sc, _ = await activity(tools, since, kinds=["wanted", "unwanted"])
        assert {(e["kind"], e["release_id"]) for e in sc["events"]} == {("wanted", new_want), ("unwanted", to_unwant), ("unwanted", outside_unwant)}
        sc, _ = await activity(tools, iso(time.time() + 5))
        assert sc["total"] == 0
        error = await tools.error("get_recent_activity", {"since": "yesterday"})
        assert "since must be a date" in error, error
        error = await tools.error("get_recent_activity", {"since": since, "until": iso(time.time() - 3600)})
        assert "before until" in error, error

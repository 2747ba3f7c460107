"""compare_collections through the SDK against the sandbox: the sample collector's collection against
`shelf_friend`'s public one. Overlap, what each lacks and the shared artists and styles must equal what
Python computes from the two collections as the sandbox serves them; a private collection is refused
by name; a page budget smaller than the other collection gives an explicit PARTIAL answer.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any, Iterator

import pytest

from tools_harness import Sandboxed, connect, start_sandboxed, texts

pytestmark = pytest.mark.anyio

FRIEND, PRIVATE = "shelf_friend", "crate_digger"


@pytest.fixture(scope="module")
def env(e2e_tmp: Path) -> Iterator[Sandboxed]:
    yield from start_sandboxed(e2e_tmp, "tools-compare")


def clean(name: str) -> str:
    """Discogs' disambiguation suffix dropped, as the index does: "Nirvana (2)" → "Nirvana"."""
    return re.sub(r"\s*\(\d+\)$", "", name)


def releases(items: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {i["id"]: i["basic_information"] for i in items}


def names(side: dict[int, dict[str, Any]], key: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for info in side.values():
        values = {clean(a["name"]).lower() for a in info["artists"]} if key == "artists" else {s.lower() for s in info.get("styles") or []}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
    return counts


async def test_tools_compare_collections_match_truth(env: Sandboxed) -> None:
    mine = releases(env.truth.collection())
    theirs = releases(list(env.truth.pages(f"/users/{FRIEND}/collection/folders/0/releases", "releases")))
    overlap, only_mine, only_theirs = mine.keys() & theirs.keys(), mine.keys() - theirs.keys(), theirs.keys() - mine.keys()
    assert 10 <= len(overlap) <= 100 and only_theirs, "the sandbox friend should share some releases and not others"
    async with connect(env.server.mcp_url) as tools:
        result = await tools.raw("compare_collections", {"username": FRIEND, "limit": 100, "top": 50})
        assert not result.is_error, texts(result)
        sc = result.structured_content
        assert sc["partial"] is False and "notice" not in sc
        assert {i["release_id"] for i in sc["overlap"]["items"]} == overlap and sc["overlap"]["count"] == len(overlap)
        assert sc["only_mine"]["count"] == len(only_mine) and sc["only_theirs"]["count"] == len(only_theirs)
        assert {i["release_id"] for i in sc["only_theirs"]["items"]} <= only_theirs
        assert (sc["mine"]["releases"], sc["theirs"]["releases"]) == (len(mine), len(theirs))
        for key, field in (("artists", "shared_artists"), ("styles", "shared_styles")):
            left, right = names(mine, key), names(theirs, key)
            both = left.keys() & right.keys()
            got = {s["name"].lower(): (s["mine"], s["theirs"]) for s in sc[field]}
            assert set(got) <= both and len(got) == min(50, len(both)), (field, sorted(got), sorted(both))
            assert all(got[name] == (left[name], right[name]) for name in got), field
        text = texts(result)
        assert f"both have {len(overlap)}; only you {len(only_mine)}; only {FRIEND} {len(only_theirs)}." in text, text
        assert all(f"[release {i['release_id']}]" in text for i in sc["overlap"]["items"][:20]), text

        # One page of 100 for a collection of more: said so, and only what was read is compared.
        result = await tools.raw("compare_collections", {"username": FRIEND, "max_pages": 1})
        sc = result.structured_content
        assert len(theirs) > 100 and sc["partial"] is True and sc["theirs"]["read"] == 100, sc["theirs"]
        assert texts(result).count("PARTIAL: read the newest 100 of") == 1, texts(result)
        assert {i["release_id"] for i in sc["overlap"]["items"]} <= overlap

        error = await tools.error("compare_collections", {"username": PRIVATE})
        assert "private" in error and PRIVATE in error, error
        error = await tools.error("compare_collections", {"username": "no_such_collector_x"})
        assert "no Discogs user" in error, error
        error = await tools.error("compare_collections", {"username": env.truth.user.upper()})
        assert "your own collection" in error, error


async def test_tools_answers_end_with_next_steps_from_their_values(env: Sandboxed) -> None:
    """Answers whose natural follow-up is another tool end with one line naming it, with the answer's own values."""
    async with connect(env.server.mcp_url) as tools:
        result = await tools.raw("search_collection", {"sort": "added", "per_page": 5})
        first = result.structured_content["items"][0]["release_id"]
        assert texts(result).splitlines()[-1] == f"Next: get_release with release_id {first} for details.", texts(result)

        result = await tools.raw("get_wantlist", {"per_page": 5})
        want = result.structured_content["items"][0]["release_id"]
        assert texts(result).splitlines()[-1] == f"Next: get_marketplace_stats with release_id {want} for its price now.", texts(result)

        release = next(r for r in map(env.truth.release, (c["id"] for c in env.truth.collection())) if r.get("master_id"))
        result = await tools.raw("get_release", {"release_id": release["id"]})
        expected = f"Next: rank_pressings with master_id {release['master_id']} and purpose collector to compare its pressings."
        assert texts(result).splitlines()[-1] == expected, texts(result)

        result = await tools.raw("compare_collections", {"username": FRIEND, "max_pages": 1})
        theirs = result.structured_content["only_theirs"]["items"][0]["release_id"]
        line = texts(result).splitlines()[-1]
        assert line == (
            f"Next: get_release with release_id {theirs} for one of theirs you lack; compare_collections with username {FRIEND} and max_pages 20 to read more."
        ), line
        assert all(l.count("Next:") <= 1 for l in texts(result).splitlines()) and texts(result).count("Next:") == 1

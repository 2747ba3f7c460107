"""rank_pressings and find_collection_gaps through the SDK, checked against the sandbox Discogs itself.

The test reads every fact a purpose weighs straight from the sandbox (versions listing, master,
release, marketplace stats) and derives, without the server's formula, which version *dominates*
another: at least as good on every fact, better on one. The ranking must put every dominating
version first. The sandbox's showcase masters are dominance chains for all three purposes, so there
the data alone fixes the whole order. Gaps for an artist must equal the artist's masters (and lone
releases) that no copy in the collection belongs to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from tools_harness import Sandboxed, connect, start_sandboxed

pytestmark = pytest.mark.anyio

COLLECTIBLE = {"Limited Edition", "Numbered", "Test Pressing", "Promo", "Gatefold", "Mono", "Box Set", "Deluxe Edition", "Special Edition"}
REISSUE = {"Reissue", "Repress", "Unofficial Release"}
# Only comparisons the test is sure of: full-quality physical media alike, a cassette below them.
FORMAT_TIER = {"Vinyl": 2, "CD": 2, "Cassette": 1}


@pytest.fixture(scope="module")
def env(e2e_tmp: Path) -> Iterator[Sandboxed]:
    yield from start_sandboxed(e2e_tmp, "tools-pressings")


def words(version: dict[str, Any]) -> set[str]:
    return {w.strip() for w in (version.get("format") or "").split(",") if w.strip()}


def collector_facts(env: Sandboxed, master: dict[str, Any], versions: list[dict[str, Any]]) -> dict[int, tuple]:
    main = next(v for v in versions if v["id"] == master["main_release"])
    facts = {}
    for v in versions:
        year = int(v["released"][:4])
        described = words(v)
        facts[v["id"]] = (
            year == master["year"], v["id"] == master["main_release"], v["country"] == main["country"], -year,
            len(described & COLLECTIBLE), -int(bool(described & REISSUE)),
        )
    return facts


def listening_facts(env: Sandboxed, versions: list[dict[str, Any]]) -> dict[int, tuple]:
    facts = {}
    for v in versions:
        release = env.truth.release(v["id"])
        rating = release["community"]["rating"]
        described = {d for f in release["formats"] for d in f.get("descriptions", [])}
        remastered = "Remastered" in described or "remaster" in release.get("notes", "").lower()
        facts[v["id"]] = (rating["average"], rating["count"], FORMAT_TIER.get(release["formats"][0]["name"]), remastered)
    return facts


def value_facts(env: Sandboxed, versions: list[dict[str, Any]]) -> dict[int, tuple]:
    facts = {}
    for v in versions:
        stats = env.truth.get(f"/marketplace/stats/{v['id']}")
        community = v["stats"]["community"]
        ratio = community["in_collection"] / max(community["in_wantlist"], 1)
        price = stats["lowest_price"]["value"] if stats["lowest_price"] else None
        facts[v["id"]] = (bool(stats["num_for_sale"]) and price is not None, -(price or 0), stats["num_for_sale"] or 0, ratio)
    return facts


def dominates(a: tuple, b: tuple, purpose: str) -> bool:
    """a is at least as good as b on every fact and better on one (None: the test cannot compare)."""
    if purpose == "value":
        if a[0] != b[0]:
            return a[0]
        if not a[0]:
            return False  # nothing for sale on either: no claim
    if any(x is None or y is None for x, y in zip(a, b)):
        return False
    return all(x >= y for x, y in zip(a, b)) and a != b


def showcase_candidates(env: Sandboxed) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Owned masters with the most versions among the newest additions (where the showcase copies sit)."""
    newest = sorted(env.truth.collection(), key=lambda c: c["date_added"], reverse=True)
    found: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    seen: set[int] = set()
    for item in newest[:40]:
        master_id = item["basic_information"].get("master_id")
        if not master_id or master_id in seen:
            continue
        seen.add(master_id)
        versions = env.truth.get(f"/masters/{master_id}/versions", per_page=100)["versions"]
        if len(versions) >= 2:
            found.append((env.truth.get(f"/masters/{master_id}"), versions))
    return sorted(found, key=lambda mv: -len(mv[1]))[:5]


async def test_rank_pressings_order_follows_the_data(env: Sandboxed) -> None:
    owned = {c["id"] for c in env.truth.collection()}
    candidates = showcase_candidates(env)
    assert len(candidates) >= 3 and len(candidates[2][1]) >= 5, [len(v) for _, v in candidates]
    totals = 0
    async with connect(env.server.mcp_url) as tools:
        for master, versions in candidates:
            for purpose, read in (
                ("collector", lambda: collector_facts(env, master, versions)),
                ("listening", lambda: listening_facts(env, versions)),
                ("value", lambda: value_facts(env, versions)),
            ):
                facts: dict[int, tuple] = read()
                args = {"master_id": master["id"], "purpose": purpose, "examine": 25, "per_page": 50}
                sc = await tools.call("rank_pressings", args)
                order = [p["release_id"] for p in sc["pressings"]]
                assert sorted(order) == sorted(facts), (purpose, order)
                assert set(sc["owned_release_ids"]) == owned & set(facts), sc["owned_release_ids"]
                assert all(p["owned"] == (p["release_id"] in owned) for p in sc["pressings"])
                assert all(p["evidence"] for p in sc["pressings"])
                position = {rid: i for i, rid in enumerate(order)}
                pairs = [(a, b) for a in facts for b in facts if a != b and dominates(facts[a], facts[b], purpose)]
                for a, b in pairs:
                    assert position[a] < position[b], f"{purpose} {master['id']}: {a} {facts[a]} dominates {b} {facts[b]} but ranks lower: {order}"
                n = len(facts)
                if n >= 5:  # a showcase master: the data must fix the whole order
                    assert len(pairs) == n * (n - 1) // 2, f"{purpose} {master['id']}: facts are not a chain: {facts}"
                    expected = sorted(facts, key=lambda rid: -sum(dominates(facts[rid], facts[o], purpose) for o in facts))
                    assert order == expected, (purpose, master["id"], order, expected)
                    totals += 1
                again = await tools.call("rank_pressings", args)
                assert [p["release_id"] for p in again["pressings"]] == order
                assert again["upstream_requests"] == 0 and again["cached_answers"] >= 1, again
    assert totals >= 9  # three showcase masters x three purposes


async def test_rank_pressings_by_release_paging_and_errors(env: Sandboxed) -> None:
    master, versions = showcase_candidates(env)[0]
    async with connect(env.server.mcp_url) as tools:
        whole = await tools.call("rank_pressings", {"master_id": master["id"], "purpose": "collector", "per_page": 50})
        first = await tools.call("rank_pressings", {"release_id": versions[-1]["id"], "purpose": "collector", "per_page": 2})
        second = await tools.call("rank_pressings", {"release_id": versions[-1]["id"], "purpose": "collector", "per_page": 2, "page": 2})
        assert first["master_id"] == master["id"] and first["pagination"]["items"] == len(versions)
        ids = [p["release_id"] for p in first["pressings"] + second["pressings"]]
        assert ids == [p["release_id"] for p in whole["pressings"]][:4]
        assert [p["rank"] for p in second["pressings"]] == [3, 4]
        small = await tools.call("rank_pressings", {"master_id": master["id"], "purpose": "value", "examine": 2, "per_page": 50})
        assert small["examined"] == 2 and sum(p["examined"] for p in small["pressings"]) == 2
        assert [p["examined"] for p in small["pressings"]] == sorted((p["examined"] for p in small["pressings"]), reverse=True)
        lone = next(r for r in env.truth.pages(f"/users/{env.truth.user}/collection/folders/0/releases", "releases")
                    if not r["basic_information"].get("master_id"))
        text = await tools.error("rank_pressings", {"release_id": lone["id"], "purpose": "listening"})
        assert "no master" in text and str(lone["id"]) in text, text
        text = await tools.error("rank_pressings", {"purpose": "listening"})
        assert "master_id" in text, text
        text = await tools.error("rank_pressings", {"master_id": 987_654_321, "purpose": "collector"})
        assert "987654321" in text, text


def artist_with_most_copies(env: Sandboxed) -> tuple[int, str]:
    counts: dict[tuple[int, str], int] = {}
    for item in env.truth.collection():
        for artist in item["basic_information"]["artists"]:
            counts[(artist["id"], artist["name"])] = counts.get((artist["id"], artist["name"]), 0) + 1
    return max(counts, key=lambda k: counts[k])


async def test_find_collection_gaps_for_an_artist_are_the_masters_not_owned(env: Sandboxed) -> None:
    collection = env.truth.collection()
    owned_masters = {c["basic_information"].get("master_id") for c in collection} - {None, 0}
    owned_releases = {c["id"] for c in collection}
    artist_id, name = artist_with_most_copies(env)
    main = [r for r in env.truth.pages(f"/artists/{artist_id}/releases", "releases") if r.get("role", "Main") == "Main"]
    expected = {("master", r["id"]) for r in main if r["type"] == "master" and r["id"] not in owned_masters}
    expected |= {("release", r["id"]) for r in main if r["type"] == "release" and r["id"] not in owned_releases}
    async with connect(env.server.mcp_url) as tools:
        sc = await tools.call("find_collection_gaps", {"artist": name, "check_owned": 3, "per_page": 100})
        assert (sc["subject"], sc["id"]) == ("artist", artist_id)
        assert {(g["kind"], g["id"]) for g in sc["gaps"]} == expected
        assert sc["main_releases"] == len(main) and sc["owned"] == len(main) - len(expected)
        years = {r["id"]: r["year"] for r in main}
        assert all(g.get("year") == years[g["id"]] for g in sc["gaps"])
        by_id = await tools.call("find_collection_gaps", {"artist_id": artist_id, "check_owned": 0, "per_page": 100})
        assert {(g["kind"], g["id"]) for g in by_id["gaps"]} == expected and by_id["checked"] == []
        assert sc["checked"], "the artist owns masters; at least one must be checked"
        for check in sc["checked"]:
            master = env.truth.get(f"/masters/{check['master_id']}")
            versions = env.truth.get(f"/masters/{check['master_id']}/versions", per_page=100)["versions"]
            facts = collector_facts(env, master, versions)
            tops = [v for v in facts if all(v == o or dominates(facts[v], facts[o], "collector") for o in facts)]
            assert set(check["owned_release_ids"]) == owned_releases & set(facts)
            if tops:  # the data names the best pressing
                assert check["best_release_id"] == tops[0]
                assert check["better_exists"] == (tops[0] not in owned_releases)
        text = await tools.error("find_collection_gaps", {})
        assert "exactly one" in text, text
        text = await tools.error("find_collection_gaps", {"artist": "Nobody Of This Name"})
        assert "get_collection_stats" in text, text


async def test_find_collection_gaps_for_a_label(env: Sandboxed) -> None:
    collection = env.truth.collection()
    owned_releases = {c["id"] for c in collection}
    label = collection[0]["basic_information"]["labels"][0]
    releases = list(env.truth.pages(f"/labels/{label['id']}/releases", "releases"))
    async with connect(env.server.mcp_url) as tools:
        sc = await tools.call("find_collection_gaps", {"label": label["name"], "check_owned": 1, "per_page": 100})
        assert (sc["subject"], sc["id"]) == ("label", label["id"])
        listed = {r["id"] for r in releases}
        gap_ids = {g["id"] for g in sc["gaps"]}
        assert gap_ids <= listed and not gap_ids & owned_releases
        unowned_titles = {(r["artist"], r["title"]) for r in releases if r["id"] not in owned_releases}
        owned_titles = {(r["artist"], r["title"]) for r in releases if r["id"] in owned_releases}
        assert {(g["artist"], g["title"]) for g in sc["gaps"]} == unowned_titles - owned_titles

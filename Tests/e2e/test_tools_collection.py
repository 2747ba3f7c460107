"""The collection tools through the SDK (2025-11-25, structuredContent) against the sandbox Discogs,
every answer checked against the fake's own listing (ground truth), and the index's promise: searches
once synced cost zero upstream requests."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import pytest

from tools_harness import Sandboxed, Tools, connect, metric_total, record_listing, start_sandboxed, text_matches, texts, truth_post, words

pytestmark = pytest.mark.anyio

REQUESTS = "discogs_mcp_discogs_requests_total"


@pytest.fixture(scope="module")
def env(e2e_tmp: Path) -> Iterator[Sandboxed]:
    yield from start_sandboxed(e2e_tmp, "tools-collection")


async def search_all(tools: Tools, **arguments: Any) -> tuple[int, list[dict[str, Any]]]:
    """Every page of a search_collection answer: (stated total, items)."""
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        sc = await tools.call("search_collection", {**arguments, "page": page, "per_page": 100})
        items += sc["items"]
        if not sc["has_more"]:
            return sc["total"], items
        page += 1


def pick_word(collection: list[dict[str, Any]]) -> str:
    """A title word shared by a few items but not all: a search with a non-trivial answer."""
    counts = Counter(w for item in collection for w in set(words(item["basic_information"]["title"])) if len(w) >= 4 and w.isalpha())
    candidates = [w for w, n in counts.most_common() if 2 <= n <= len(collection) // 2]
    assert candidates, "the sample collection has no shared title words"
    return candidates[0]


async def test_tools_collection_search_matches_truth(env: Sandboxed) -> None:
    collection = env.truth.collection()
    async with connect(env.server.mcp_url) as tools:
        record_listing("collection", tools)
        total, items = await search_all(tools)
        assert total == len(collection) == len(items)
        assert {i["instance_id"] for i in items} == {c["instance_id"] for c in collection}
        # A text query, matched the way the index does: every word a prefix of an indexed word.
        word = pick_word(collection)
        expected = {c["instance_id"] for c in collection if text_matches(c, word)}
        total, items = await search_all(tools, query=word)
        assert total == len(expected) and {i["instance_id"] for i in items} == expected, word
        # Two words, one a prefix (AND semantics).
        artist = collection[3]["basic_information"]["artists"][0]["name"]
        query = f"{word} {words(artist)[0][:3]}"
        expected = {c["instance_id"] for c in collection if text_matches(c, query)}
        total, items = await search_all(tools, query=query)
        assert {i["instance_id"] for i in items} == expected and total == len(expected), query
        # A genre filter: exact facet value, case-insensitive.
        genres = Counter(g for c in collection for g in set(c["basic_information"]["genres"]))
        genre = genres.most_common()[1][0]
        expected = {c["instance_id"] for c in collection if genre in c["basic_information"]["genres"]}
        total, items = await search_all(tools, genre=genre.upper())
        assert total == genres[genre] == len(expected) and {i["instance_id"] for i in items} == expected
        # Fields of one item equal the fake's.
        sample = next(c for c in collection if c["instance_id"] == items[0]["instance_id"])
        info = sample["basic_information"]
        assert items[0]["release_id"] == sample["id"] and items[0]["title"] == info["title"]
        assert items[0]["folder_id"] == sample["folder_id"] and items[0]["rating"] == sample["rating"]
        assert items[0]["labels"] == [lab["name"] for lab in info["labels"]]


async def test_tools_collection_stats_match_truth(env: Sandboxed) -> None:
    collection = env.truth.collection()
    wants = env.truth.wantlist()
    async with connect(env.server.mcp_url) as tools:
        sc = await tools.call("get_collection_stats", {"top": 50})
        assert sc["total"] == len(collection)
        assert sc["unique_releases"] == len({c["id"] for c in collection})
        assert sc["distinct"]["genre"] <= 50
        expected = Counter(g.lower() for c in collection for g in {x.lower() for x in c["basic_information"]["genres"]})
        assert {b["value"].lower(): b["count"] for b in sc["genres"]} == dict(expected)
        decades = Counter(f"{c['basic_information']['year'] // 10 * 10}s" if c["basic_information"].get("year") else "unknown" for c in collection)
        assert {b["value"]: b["count"] for b in sc["decades"]} == dict(decades)
        assert {int(b["value"]): b["count"] for b in sc["ratings"]} == dict(Counter(c["rating"] for c in collection))
        sc = await tools.call("get_collection_stats", {"list": "wantlist"})
        assert sc["total"] == len(wants)
        # get_wantlist: total and members.
        sc = await tools.call("get_wantlist", {"per_page": 100})
        assert sc["total"] == len(wants) and {i["release_id"] for i in sc["items"]} == {w["id"] for w in wants}


def last_calendar_months(count: int = 12) -> list[str]:
    now = datetime.now(timezone.utc)
    index = now.year * 12 + now.month - 1
    return [f"{(index - back) // 12:04d}-{(index - back) % 12 + 1:02d}" for back in reversed(range(count))]


async def test_tools_collection_stats_months_are_calendar_months(env: Sandboxed) -> None:
    """The last 12 calendar months up to now (UTC), quiet ones as 0: not the last 12 months that
    happen to have data (the sandbox's additions end in 2025, so most of today's window is empty)."""
    collection = env.truth.collection()
    added = Counter(datetime.fromisoformat(c["date_added"]).astimezone(timezone.utc).strftime("%Y-%m") for c in collection)
    months = last_calendar_months()
    async with connect(env.server.mcp_url) as tools:
        answer = await tools.raw("get_collection_stats", {})
    sc = answer.structured_content
    assert [b["value"] for b in sc["added_last_12_months"]] == months, sc["added_last_12_months"]
    assert [b["count"] for b in sc["added_last_12_months"]] == [added.get(m, 0) for m in months]
    # The whole history is still there, month by month, for the months that have additions.
    assert {b["value"]: b["count"] for b in sc["added_by_month"]} == dict(added)
    line = next(line for line in texts(answer).splitlines() if line.startswith("Added per month"))
    assert line.endswith(", ".join(f"{m} {added.get(m, 0)}" for m in months)), line


async def test_tools_sandbox_release_dates_are_well_formed(env: Sandboxed) -> None:
    """Discogs' `released` is YYYY-MM-DD with 00 for an unknown day: never "2004-9-00"."""
    well_formed = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-00$")
    collection = env.truth.collection()
    bad = [(c["id"], r["released"]) for c in collection[:60] if not well_formed.match((r := env.truth.release(c["id"]))["released"])]
    assert not bad, bad
    async with connect(env.server.mcp_url) as tools:
        for item in collection[:5]:
            released = (await tools.call("get_release", {"release_id": item["id"]}))["released"]
            assert well_formed.match(released), (item["id"], released)


async def test_tools_counts_are_worded_in_the_singular_and_plural(env: Sandboxed) -> None:
    """One item is "1 item", and an unfiltered list says what it holds instead of "N items … match
    everything" (every answer is also screened for "1 items" and the like by tools_harness)."""
    collection = env.truth.collection()
    titles = (" ".join(words(c["basic_information"]["title"])) for c in collection)
    single = next(t for t in titles if t and sum(text_matches(c, t) for c in collection) == 1)
    async with connect(env.server.mcp_url) as tools:
        text = texts(await tools.raw("search_collection", {"query": single}))
        assert text.startswith(f'1 item in your collection matches "{single}"'), text
        text = texts(await tools.raw("get_wantlist", {}))
        wanted = len(env.truth.wantlist())
        assert text.startswith(f"Your wantlist has {wanted} items"), text
        assert "match everything" not in text, text
        # min_rating's words agree with its schema (0 is allowed: no filter).
        for name in ("get_wantlist", "search_collection"):
            rule = tools.definitions[name].input_schema["properties"]["min_rating"]
            assert rule["minimum"] == 0 and "0 (the default)" in rule["description"], rule


async def test_tools_collection_folders_value_fields_match_truth(env: Sandboxed) -> None:
    async with connect(env.server.mcp_url) as tools:
        sc = await tools.call("list_folders")
        assert {(f["id"], f["name"], f["count"]) for f in sc["folders"]} == {(f["id"], f["name"], f["count"]) for f in env.truth.folders()}
        value = env.truth.get(f"/users/{env.truth.user}/collection/value")
        sc = await tools.call("get_collection_value")
        assert (sc["minimum"], sc["median"], sc["maximum"]) == (value["minimum"], value["median"], value["maximum"])
        fields = env.truth.get(f"/users/{env.truth.user}/collection/fields")["fields"]
        sc = await tools.call("list_custom_fields")
        assert [(f["id"], f["name"], f["type"]) for f in sc["fields"]] == [(f["id"], f["name"], f["type"]) for f in fields]


async def test_tools_collection_search_costs_no_upstream_requests(env: Sandboxed) -> None:
    async with connect(env.server.mcp_url) as tools:
        await tools.call("search_collection", {"query": "a"})  # synced (idempotent if already)
        before = metric_total(env.server.url, REQUESTS)
        assert before > 0, f"{REQUESTS} missing from /metrics"
        queries = [{"query": q} for q in ("love", "blue", "night", "the", "live")] + [{"genre": "Jazz"}, {"decade": 1970}, {"format": "Vinyl"}]
        for i in range(20):
            await tools.call("search_collection", {**queries[i % len(queries)], "page": 1 + i % 2})
        assert metric_total(env.server.url, REQUESTS) == before, "search_collection called Discogs once synced"


async def indexed_copy(tools: Tools, instance: int, **filters: Any) -> dict[str, Any]:
    """The copy as the index tools show it (search_collection), found by instance id."""
    _, items = await search_all(tools, **filters)
    found = [i for i in items if i.get("instance_id") == instance]
    assert len(found) == 1, f"instance {instance} is in the index {len(found)} times for {filters}"
    return found[0]


def absent_release(env: Sandboxed, *exclude: set[int]) -> dict[str, Any]:
    """A release of the sandbox catalog that is neither collected nor wanted."""
    taken = {c["id"] for c in env.truth.collection()} | {w["id"] for w in env.truth.wantlist()}
    for s in exclude:
        taken |= s
    hits = env.truth.get("/database/search", type="release", per_page=100)["results"]
    return next(h for h in hits if h["id"] not in taken)


async def test_tools_collection_writes_visible_on_next_read(env: Sandboxed) -> None:
    user = env.truth.user
    release = absent_release(env)
    rid = release["id"]
    title = env.truth.release(rid)["title"]
    async with connect(env.server.mcp_url) as tools:
        await tools.call("search_collection", {})  # make sure the index is synced
        # A folder to work in.
        created = await tools.call("create_folder", {"name": "E2E Crate"})
        folder = created["id"]
        assert created["name"] == "E2E Crate" and created["count"] == 0
        assert any(f["id"] == folder and f["name"] == "E2E Crate" for f in env.truth.folders())
        renamed = await tools.call("rename_folder", {"folder_id": folder, "name": "E2E Shelf"})
        assert renamed == {"id": folder, "name": "E2E Shelf"}
        folders = {f["id"]: f for f in (await tools.call("list_folders"))["folders"]}
        assert folders[folder]["name"] == "E2E Shelf"

        # Add: the next search finds it, with no re-sync (zero upstream requests for the read).
        added = await tools.call("add_to_collection", {"release_id": rid, "folder_id": folder})
        instance = added["instance_id"]
        before = metric_total(env.server.url, REQUESTS)
        sc = await tools.call("search_collection", {"folder_id": folder})
        assert [(i["release_id"], i["instance_id"]) for i in sc["items"]] == [(rid, instance)]
        total, items = await search_all(tools, query=title)
        assert instance in {i["instance_id"] for i in items}
        assert metric_total(env.server.url, REQUESTS) == before, "the read after a write re-synced from Discogs"
        copy = await indexed_copy(tools, instance)
        assert (copy["release_id"], copy["folder_id"], copy["rating"]) == (rid, folder, 0), copy
        assert copy["title"] == title, "the new copy is indexed with its details, not as a placeholder"
        # The folder's name as the index knows it: created and renamed through the tools, never re-read.
        stats = await tools.call("get_collection_stats", {})
        assert {"value": "E2E Shelf", "count": 1} in stats["folders"], stats["folders"]
        # get_release names the copy's folder, as every other answer does.
        release_answer = await tools.raw("get_release", {"release_id": rid})
        assert not release_answer.is_error
        assert release_answer.structured_content["your_copies"][0]["folder_name"] == "E2E Shelf"
        text = texts(release_answer)
        assert '"E2E Shelf"' in text and f"in folder {folder}" not in text, text
        assert {f["id"]: f["count"] for f in (await tools.call("list_folders"))["folders"]}[folder] == 1
        truth_copies = env.truth.get(f"/users/{user}/collection/releases/{rid}")["releases"]
        assert [(c["instance_id"], c["folder_id"]) for c in truth_copies] == [(instance, folder)]

        # Rate: visible through the min_rating filter and the fake.
        rated = await tools.call("rate_release", {"release_id": rid, "rating": 5})
        assert rated["rating"] == 5 and rated["instance_id"] == instance
        sc = await tools.call("search_collection", {"folder_id": folder, "min_rating": 5})
        assert [i["rating"] for i in sc["items"]] == [5]
        copy = await indexed_copy(tools, instance)
        assert (copy["rating"], copy["folder_id"]) == (5, folder), copy
        assert env.truth.get(f"/users/{user}/collection/releases/{rid}")["releases"][0]["rating"] == 5
        sc = await tools.call("get_release_rating", {"release_id": rid})
        assert sc["user_rating"] == 5

        # Custom field: the note is searchable and stored on the fake.
        fields = (await tools.call("list_custom_fields"))["fields"]
        notes = next(f for f in fields if f["type"] == "textarea")
        edited = await tools.call("edit_custom_field", {"release_id": rid, "field_id": notes["id"], "value": "zyzzyva signed copy"})
        assert edited["value"] == "zyzzyva signed copy" and edited["field_name"] == notes["name"]
        sc = await tools.call("search_collection", {"query": "zyzzyva"})
        assert [i["instance_id"] for i in sc["items"]] == [instance]
        copy = await indexed_copy(tools, instance)
        assert (copy.get("notes"), copy["rating"], copy["folder_id"]) == ("zyzzyva signed copy", 5, folder), copy
        copy = env.truth.get(f"/users/{user}/collection/releases/{rid}")["releases"][0]
        assert {"field_id": notes["id"], "value": "zyzzyva signed copy"} in copy["notes"]
        sc = await tools.call("get_release", {"release_id": rid})
        assert [c["instance_id"] for c in sc["your_copies"]] == [instance]

        # Move to Uncategorized: the folder empties, on both sides.
        moved = await tools.call("move_release", {"release_id": rid, "to_folder_id": 1})
        assert moved["folder_id"] == 1
        assert (await tools.call("search_collection", {"folder_id": folder}))["total"] == 0
        sc = await tools.call("search_collection", {"folder_id": 1, "query": "zyzzyva"})
        assert [i["folder_id"] for i in sc["items"]] == [1]
        copy = await indexed_copy(tools, instance)
        assert (copy["folder_id"], copy["rating"], copy.get("notes")) == (1, 5, "zyzzyva signed copy"), copy
        assert env.truth.get(f"/users/{user}/collection/releases/{rid}")["releases"][0]["folder_id"] == 1

        # Delete the now-empty folder.
        assert (await tools.call("delete_folder", {"folder_id": folder}))["deleted_folder_id"] == folder
        assert folder not in {f["id"] for f in (await tools.call("list_folders"))["folders"]}
        assert folder not in {f["id"] for f in env.truth.folders()}
        stats = await tools.call("get_collection_stats", {})
        assert "E2E Shelf" not in {b["value"] for b in stats["folders"]}, stats["folders"]

        # Remove: gone from the index and from the fake.
        removed = await tools.call("remove_from_collection", {"release_id": rid})
        assert removed["instance_id"] == instance
        assert (await tools.call("search_collection", {"query": "zyzzyva"}))["total"] == 0
        assert env.truth.get(f"/users/{user}/collection/releases/{rid}")["releases"] == []
        total, items = await search_all(tools)
        assert total == len(env.truth.collection())
        assert instance not in {i["instance_id"] for i in items}


async def test_tools_wantlist_writes_visible_on_next_read(env: Sandboxed) -> None:
    collected = {c["id"] for c in env.truth.collection()}
    release = absent_release(env, collected)
    rid = release["id"]
    title = env.truth.release(rid)["title"]
    async with connect(env.server.mcp_url) as tools:
        before = (await tools.call("get_wantlist", {}))["total"]
        answer = await tools.raw("add_to_wantlist", {"release_id": rid, "notes": "any pressing", "rating": 4})
        added = answer.structured_content
        assert added["release_id"] == rid and added["already_wanted"] is False, added
        assert texts(answer).startswith(f"Added release {rid}"), texts(answer)
        # At once, through the index: notes and rating as set, the release's details, no refresh.
        requests = metric_total(env.server.url, REQUESTS)
        sc = await tools.call("get_wantlist", {"per_page": 100})
        assert metric_total(env.server.url, REQUESTS) == requests, "get_wantlist re-read Discogs after the write"
        assert sc["total"] == before + 1 == len(env.truth.wantlist())
        (want,) = [i for i in sc["items"] if i["release_id"] == rid]
        assert (want.get("notes"), want["rating"], want["title"]) == ("any pressing", 4, title), want
        text = texts(await tools.raw("get_wantlist", {"query": "any pressing"}))
        assert "★4" in text and "notes: any pressing" in text and f"release {rid}" in text, text
        assert rid in {w["id"] for w in env.truth.wantlist()}

        # The same release again: updated, and said so; not a second entry.
        answer = await tools.raw("add_to_wantlist", {"release_id": rid, "notes": "first pressing only", "rating": 5})
        assert answer.structured_content["already_wanted"] is True, answer.structured_content
        assert "already in" in texts(answer) and not texts(answer).startswith("Added"), texts(answer)
        sc = await tools.call("get_wantlist", {"per_page": 100})
        assert sc["total"] == before + 1
        (want,) = [i for i in sc["items"] if i["release_id"] == rid]
        assert (want.get("notes"), want["rating"]) == ("first pressing only", 5), want
        assert (await tools.call("remove_from_wantlist", {"release_id": rid}))["release_id"] == rid
        sc = await tools.call("get_wantlist", {"per_page": 100})
        assert sc["total"] == before and rid not in {i["release_id"] for i in sc["items"]}
        assert rid not in {w["id"] for w in env.truth.wantlist()}


async def test_tools_refresh_finds_outside_changes(env: Sandboxed) -> None:
    user = env.truth.user
    release = absent_release(env)
    rid = release["id"]
    async with connect(env.server.mcp_url) as tools:
        await tools.call("search_collection", {})
        # Changed on "discogs.com" (directly on the fake), not through the server.
        r = truth_post(env.truth, f"/users/{user}/collection/folders/1/releases/{rid}")
        instance = r.json()["instance_id"]
        sc = await tools.call("refresh_collection", {"lists": "collection"})
        (result,) = sc["results"]
        assert result["list"] == "collection" and result["added"] >= 1
        assert result["total"] == len(env.truth.collection())
        sc = await tools.call("search_collection", {"folder_id": 1, "sort": "added", "per_page": 100})
        assert instance in {i["instance_id"] for i in sc["items"]}
        sc = await tools.call("refresh_collection", {"full": True})
        assert {r["list"]: r["total"] for r in sc["results"]} == {"collection": len(env.truth.collection()), "wantlist": len(env.truth.wantlist())}
        assert all(r["kind"] == "full" for r in sc["results"])


async def test_tools_recommendations_come_from_the_collection(env: Sandboxed) -> None:
    collection = env.truth.collection()
    owned = {c["id"] for c in collection}
    genre = Counter(g for c in collection for g in c["basic_information"]["genres"]).most_common(1)[0][0]
    async with connect(env.server.mcp_url) as tools:
        sc = await tools.call("get_recommendations", {"genre": genre})
        picks = _release_ids(sc)
        assert picks and picks <= owned, sc
        by_id = {c["id"]: c for c in collection}
        assert all(genre in by_id[p]["basic_information"]["genres"] for p in picks)
        sc = await tools.call("get_recommendations", {"similar_to_release_id": collection[0]["id"]})
        assert _release_ids(sc) <= owned


def _release_ids(value: Any) -> set[int]:
    """Every `release_id` anywhere in a structured answer."""
    found: set[int] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "release_id" and isinstance(inner, int):
                found.add(inner)
            else:
                found |= _release_ids(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= _release_ids(inner)
    return found


async def test_tools_collection_errors_are_actionable(env: Sandboxed) -> None:
    async with connect(env.server.mcp_url) as tools:
        text = await tools.error("rate_release", {"release_id": 999_999_999, "rating": 3})
        assert "999999999" in text and "collection" in text.lower(), text
        text = await tools.error("search_collection", {"per_page": 1000})
        assert "per_page" in text, text
        text = await tools.error("search_collection", {"year_from": 1990, "year_to": 1980})
        assert "year_from" in text, text
        text = await tools.error("edit_custom_field", {"release_id": 1, "field_id": 424242, "value": "x"})
        assert "424242" in text, text

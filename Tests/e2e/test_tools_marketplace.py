"""Marketplace, people and server tools through the SDK: inventory, listings, orders and messages,
profiles and lists, each compared with the sandbox Discogs' own endpoints, and writes read back."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tools_harness import Sandboxed, connect, record_listing, start_sandboxed

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def env(e2e_tmp: Path) -> Iterator[Sandboxed]:
    yield from start_sandboxed(e2e_tmp, "tools-marketplace")


def inventory(env: Sandboxed) -> list[dict]:
    return list(env.truth.pages(f"/users/{env.truth.user}/inventory", "listings"))


async def test_tools_inventory_and_prices_match_truth(env: Sandboxed) -> None:
    listings = inventory(env)
    async with connect(env.server.mcp_url) as tools:
        record_listing("marketplace", tools)
        sc = await tools.call("get_inventory", {"per_page": 100})
        assert sc["pagination"]["items"] == len(listings)
        assert {(item["id"], item["status"], item["release_id"]) for item in sc["listings"]} == {(x["id"], x["status"], x["release"]["id"]) for x in listings}
        for_sale = [x for x in listings if x["status"] == "For Sale"]
        sc = await tools.call("get_inventory", {"status": "For Sale", "per_page": 100})
        assert sc["pagination"]["items"] == len(for_sale)
        one = for_sale[0]
        sc = await tools.call("get_listing", {"listing_id": one["id"]})
        assert (sc["id"], sc["release_id"], sc["condition"], sc["price"]["value"]) == (one["id"], one["release"]["id"], one["condition"], one["price"]["value"])

        rid = one["release"]["id"]
        stats = env.truth.get(f"/marketplace/stats/{rid}")
        sc = await tools.call("get_marketplace_stats", {"release_id": rid})
        assert sc["num_for_sale"] == (stats["num_for_sale"] or 0)
        assert sc["lowest_price"]["value"] == stats["lowest_price"]["value"]
        suggestions = env.truth.get(f"/marketplace/price_suggestions/{rid}")
        sc = await tools.call("get_price_suggestions", {"release_id": rid})
        assert {s["condition"]: s["price"]["value"] for s in sc["suggestions"]} == {k: v["value"] for k, v in suggestions.items()}


async def test_tools_listing_writes_visible_on_next_read(env: Sandboxed) -> None:
    rid = env.truth.collection()[-1]["id"]
    async with connect(env.server.mcp_url) as tools:
        before = (await tools.call("get_inventory", {"per_page": 1}))["pagination"]["items"]
        created = await tools.call("create_listing", {"release_id": rid, "condition": "Very Good Plus (VG+)", "price": 23.5, "status": "Draft", "comments": "e2e"})
        lid = created["listing_id"]
        assert created["release_id"] == rid
        sc = await tools.call("get_inventory", {"status": "Draft", "per_page": 100})
        assert lid in {x["id"] for x in sc["listings"]}
        assert (await tools.call("get_inventory", {"per_page": 1}))["pagination"]["items"] == before + 1 == len(inventory(env))

        updated = await tools.call("update_listing", {"listing_id": lid, "price": 31.0, "status": "For Sale"})
        assert (updated["id"], updated["price"]["value"], updated["status"], updated["condition"]) == (lid, 31.0, "For Sale", "Very Good Plus (VG+)")
        truth = env.truth.get(f"/marketplace/listings/{lid}")
        assert (truth["price"]["value"], truth["status"], truth["comments"]) == (31.0, "For Sale", "e2e")
        sc = await tools.call("get_inventory", {"status": "For Sale", "per_page": 100})
        assert any(x["id"] == lid and x["price"]["value"] == 31.0 for x in sc["listings"])

        assert (await tools.call("delete_listing", {"listing_id": lid}))["deleted_listing_id"] == lid
        sc = await tools.call("get_inventory", {"per_page": 100})
        assert lid not in {x["id"] for x in sc["listings"]} and sc["pagination"]["items"] == before == len(inventory(env))
        text = await tools.error("get_listing", {"listing_id": lid})
        assert str(lid) in text, text
        text = await tools.error("update_listing", {"listing_id": lid})
        assert "Nothing to change" in text, text


async def test_tools_orders_and_messages(env: Sandboxed) -> None:
    orders = env.truth.get("/marketplace/orders", per_page=100)
    assert orders["orders"], "the sample seller has no order"
    async with connect(env.server.mcp_url) as tools:
        sc = await tools.call("list_orders", {"per_page": 100})
        assert sc["pagination"]["items"] == orders["pagination"]["items"]
        assert [(o["id"], o["status"]) for o in sc["orders"]] == [(o["id"], o["status"]) for o in orders["orders"]]
        oid = orders["orders"][0]["id"]
        truth = env.truth.get(f"/marketplace/orders/{oid}")
        sc = await tools.call("get_order", {"order_id": oid})
        assert (sc["id"], sc["status"], sc["buyer"], sc["total"]["value"]) == (oid, truth["status"], truth["buyer"]["username"], truth["total"]["value"])
        assert [i["listing_id"] for i in sc["items"]] == [i["id"] for i in truth["items"]]

        messages = env.truth.get(f"/marketplace/orders/{oid}/messages", per_page=100)
        sc = await tools.call("get_order_messages", {"order_id": oid, "per_page": 100})
        assert sc["pagination"]["items"] == messages["pagination"]["items"]
        sent = await tools.call("send_order_message", {"order_id": oid, "message": "Packed and ready, ships tomorrow."})
        assert sent["message"] == "Packed and ready, ships tomorrow."
        sc = await tools.call("get_order_messages", {"order_id": oid, "per_page": 100})
        assert sc["pagination"]["items"] == messages["pagination"]["items"] + 1
        assert sc["messages"][0]["message"] == "Packed and ready, ships tomorrow."  # newest first
        assert env.truth.get(f"/marketplace/orders/{oid}/messages")["messages"][0]["message"] == "Packed and ready, ships tomorrow."

        target = "Shipped" if truth["status"] != "Shipped" else "In Progress"
        updated = await tools.call("update_order", {"order_id": oid, "status": target})
        assert updated["status"] == target
        assert (await tools.call("get_order", {"order_id": oid}))["status"] == target == env.truth.get(f"/marketplace/orders/{oid}")["status"]
        updated = await tools.call("update_order", {"order_id": oid, "shipping": 7.5})
        assert updated["shipping"]["value"] == 7.5 == env.truth.get(f"/marketplace/orders/{oid}")["shipping"]["value"]

        text = await tools.error("update_order", {"order_id": oid, "status": "Shipped", "shipping": 1})
        assert "not both" in text, text
        text = await tools.error("get_order", {"order_id": "999999-99"})
        assert "999999-99" in text, text


async def test_tools_people_match_truth(env: Sandboxed) -> None:
    user = env.truth.get(f"/users/{env.truth.user}")
    lists = env.truth.get(f"/users/{env.truth.user}/lists", per_page=100)
    async with connect(env.server.mcp_url) as tools:
        sc = await tools.call("get_user_profile")
        assert (sc["username"], sc["name"], sc["location"]) == (user["username"], user["name"], user["location"])
        assert (sc["num_collection"], sc["num_wantlist"]) == (user["num_collection"], user["num_wantlist"])
        other = env.truth.get("/users/crate_digger")
        sc = await tools.call("get_user_profile", {"username": "crate_digger"})
        assert (sc["username"], sc.get("location")) == (other["username"], other.get("location"))

        sc = await tools.call("get_user_lists", {"per_page": 100})
        assert sc["pagination"]["items"] == lists["pagination"]["items"]
        assert {(x["id"], x["name"], x["public"]) for x in sc["lists"]} == {(x["id"], x["name"], x["public"]) for x in lists["lists"]}
        for entry in lists["lists"]:
            truth = env.truth.get(f"/lists/{entry['id']}")
            sc = await tools.call("get_list", {"list_id": entry["id"]})
            assert (sc["id"], sc["name"], sc["item_count"]) == (truth["id"], truth["name"], len(truth["items"]))
            assert [(i["type"], i["id"], i.get("comment", "")) for i in sc["items"]] == [(i["type"], i["id"], i.get("comment", "")) for i in truth["items"]]
        text = await tools.error("get_user_profile", {"username": "nobody-here-e2e"})
        assert "nobody-here-e2e" in text, text


async def test_tools_server_tools(env: Sandboxed) -> None:
    async with connect(env.server.mcp_url) as tools:
        await tools.call("ping")
        sc = await tools.call("server_info")
        assert sc["name"] == "discogs-mcp"
        sc = await tools.call("auth_status")
        assert sc["authenticated"] is True and {"read", "write", "marketplace"} <= set(sc["scopes"]), sc

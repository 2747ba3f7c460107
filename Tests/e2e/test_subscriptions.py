"""Resource subscriptions through the official SDK (issue 13, point 8).

A subscriber of `discogs://collection` (or `discogs://wantlist`) hears
`notifications/resources/updated` when the index changes: after the server's own writes and after a
refresh that found a change made behind the server's back (directly on the sandbox Discogs), and
nothing for the other list, for a refresh that found nothing, or after unsubscribing. Over
Streamable HTTP (the session's GET stream), legacy SSE, stdio and 2026 `subscriptions/listen`.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Iterator

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.sse import sse_client
from mcp.client.stdio import stdio_client
from mcp.shared.exceptions import MCPError

from conftest import MODERN_VERSION, free_port, server_binary
from sandbox_truth import SandboxTruth
from tools_harness import Sandboxed, start_sandboxed, tools_env, truth_post

pytestmark = [
    pytest.mark.anyio,
    # The SDK warns that resources/subscribe is gone in 2026-07-28; the handshake revisions still have it.
    pytest.mark.filterwarnings("ignore:resources/(un)?subscribe is removed"),
]

COLLECTION = "discogs://collection"
WANTLIST = "discogs://wantlist"
# How long to wait for a notification that must come, and to be sure one that must not did not.
ARRIVES = 15.0
QUIET = 2.0


@pytest.fixture(scope="module")
def env(e2e_tmp: Path) -> Iterator[Sandboxed]:
    yield from start_sandboxed(e2e_tmp, "test_subscriptions")


class Updates:
    """The `resources/updated` URIs a client received, in order, with a way to wait for the next."""

    def __init__(self) -> None:
        self.uris: list[str] = []
        self._arrived = anyio.Event()

    async def handler(self, message: Any) -> None:
        root = getattr(message, "root", message)
        if getattr(root, "method", None) == "notifications/resources/updated":
            self.uris.append(str(root.params.uri))
            self._arrived.set()

    async def next(self, seen: int) -> str:
        """The URI of update number `seen` (0-based), waiting for it to arrive."""
        with anyio.fail_after(ARRIVES):
            while len(self.uris) <= seen:
                await self._arrived.wait()
                self._arrived = anyio.Event()
        return self.uris[seen]

    async def none_after(self, seen: int) -> None:
        """Nothing beyond the first `seen` updates arrives within `QUIET` seconds."""
        await anyio.sleep(QUIET)
        assert self.uris[seen:] == [], f"unexpected updates: {self.uris[seen:]}"


def absent_releases(truth: SandboxTruth, count: int) -> list[int]:
    """Releases of the sandbox catalog that are neither collected nor wanted."""
    exclude = {c["id"] for c in truth.collection()} | {w["id"] for w in truth.wantlist()}
    found: list[int] = []
    for hit in truth.pages("/database/search", "results", type="release"):
        if hit["id"] not in exclude:
            found.append(hit["id"])
            if len(found) == count:
                return found
    raise AssertionError("the sandbox catalog has too few releases outside the collection")


async def call(client: Client, name: str, arguments: dict[str, Any]) -> Any:
    result = await client.call_tool(name, arguments)
    assert not result.is_error, (name, result.content)
    return result.structured_content


async def test_capability_is_advertised(env: Sandboxed) -> None:
    async with Client(env.server.mcp_url, mode="legacy") as client:
        assert client.server_capabilities.resources is not None and client.server_capabilities.resources.subscribe is True


async def test_collection_subscriber_hears_own_writes_and_changed_refreshes_only(env: Sandboxed) -> None:
    user = env.truth.user
    first, behind_back, after_unsubscribe, wanted = absent_releases(env.truth, 4)
    updates = Updates()
    async with Client(env.server.mcp_url, mode="legacy", message_handler=updates.handler) as client:
        await call(client, "search_collection", {"per_page": 1})  # the index is built
        await client.subscribe_resource(COLLECTION)
        await call(client, "add_to_collection", {"release_id": first})
        assert await updates.next(0) == COLLECTION
        # A wantlist write is not this subscriber's business.
        await call(client, "add_to_wantlist", {"release_id": wanted})
        await updates.none_after(1)
        # A refresh that finds nothing new announces nothing ...
        await call(client, "refresh_collection", {"lists": "collection"})
        await updates.none_after(1)
        # ... one that finds a copy added on "discogs.com" (the sandbox, behind the server's back) does.
        truth_post(env.truth, f"/users/{user}/collection/folders/1/releases/{behind_back}")
        (report,) = (await call(client, "refresh_collection", {"lists": "collection"}))["results"]
        assert report["added"] >= 1, report
        assert await updates.next(1) == COLLECTION
        await client.unsubscribe_resource(COLLECTION)
        await call(client, "add_to_collection", {"release_id": after_unsubscribe})
        await updates.none_after(2)


async def test_wantlist_subscriber_hears_wantlist_changes_only(env: Sandboxed) -> None:
    user = env.truth.user
    collected, wanted, behind_back = absent_releases(env.truth, 3)
    updates = Updates()
    async with Client(env.server.mcp_url, mode="legacy", message_handler=updates.handler) as client:
        await call(client, "get_wantlist", {"per_page": 1})
        await client.subscribe_resource(WANTLIST)
        await call(client, "add_to_collection", {"release_id": collected})
        await updates.none_after(0)
        await call(client, "add_to_wantlist", {"release_id": wanted})
        assert await updates.next(0) == WANTLIST
        await call(client, "remove_from_wantlist", {"release_id": wanted})
        assert await updates.next(1) == WANTLIST
        truth_post(env.truth, f"/users/{user}/wants/{behind_back}", method="PUT")
        (report,) = (await call(client, "refresh_collection", {"lists": "wantlist"}))["results"]
        assert report["added"] >= 1, report
        assert await updates.next(2) == WANTLIST
        await updates.none_after(3)


async def test_subscribing_to_something_else_is_a_clear_error(env: Sandboxed) -> None:
    async with Client(env.server.mcp_url, mode="legacy") as client:
        with pytest.raises(MCPError) as refused:
            await client.subscribe_resource("discogs://release/1")
        assert "discogs://collection" in str(refused.value), refused.value
        with pytest.raises(MCPError) as unknown:
            await client.subscribe_resource("discogs://nothing")
        assert unknown.value.error.code == -32002, unknown.value


async def test_legacy_sse_session_hears_updates_on_its_stream(env: Sandboxed) -> None:
    (release,) = absent_releases(env.truth, 1)
    updates = Updates()
    async with Client(sse_client(f"{env.server.url}/sse"), mode="legacy", message_handler=updates.handler) as client:
        await client.subscribe_resource(COLLECTION)
        await call(client, "add_to_collection", {"release_id": release})
        assert await updates.next(0) == COLLECTION


async def test_modern_listen_stream_carries_resource_updates(env: Sandboxed) -> None:
    collected, wanted = absent_releases(env.truth, 2)
    async with Client(env.server.mcp_url, mode="auto") as client:
        assert client.protocol_version == MODERN_VERSION
        # server/discover advertises it too: in 2026-07-28 subscriptions travel on subscriptions/listen.
        assert client.server_capabilities.resources is not None and client.server_capabilities.resources.subscribe is True
        async with client.listen(resource_subscriptions=[COLLECTION, "discogs://release/1"]) as sub:
            # Only what can be subscribed to is honoured.
            assert list(sub.honored.resource_subscriptions or []) == [COLLECTION], sub.honored
            await call(client, "add_to_wantlist", {"release_id": wanted})
            await call(client, "add_to_collection", {"release_id": collected})
            with anyio.fail_after(ARRIVES):
                event = await sub.__anext__()
            # The wantlist write came first and was not delivered: the first event is the collection's.
            assert getattr(event, "uri", None) == COLLECTION, event


async def test_stdio_hears_updates_on_stdout(e2e_tmp: Path) -> None:
    port = free_port()
    environment = tools_env(port)
    workdir = e2e_tmp / "subscriptions-stdio"
    workdir.mkdir(parents=True, exist_ok=True)
    environment["XDG_DATA_HOME"] = str(workdir / "xdg")
    params = StdioServerParameters(command=str(server_binary()), args=["stdio"], env=environment, cwd=workdir)
    updates = Updates()
    with open(workdir / "stderr.log", "w") as errlog:
        with anyio.fail_after(120):
            async with Client(stdio_client(params, errlog=errlog), mode="legacy", message_handler=updates.handler) as client:
                await call(client, "search_collection", {"per_page": 1})
                await client.subscribe_resource(COLLECTION)
                (release,) = absent_releases(SandboxTruth(base=f"http://127.0.0.1:{port}"), 1)
                await call(client, "add_to_collection", {"release_id": release})
                assert await updates.next(0) == COLLECTION


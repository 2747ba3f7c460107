"""`completion/complete` through the official SDK: suggestions come from the user's own index.

After one `search_collection` (which builds the index), a prompt argument completes to artists,
labels, genres and styles that the sandbox collection really holds, prefix-matched; the release
template completes to release ids of the collection; nothing is suggested that is not owned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import anyio
import pytest
from mcp import Client
from mcp.shared.exceptions import MCPError
from mcp.types import PromptReference, ResourceTemplateReference

from tools_harness import Sandboxed, start_sandboxed

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def sandboxed(e2e_tmp: Path) -> Iterator[Sandboxed]:
    yield from start_sandboxed(e2e_tmp, "test_completions")


def _owned(sandboxed: Sandboxed) -> tuple[set[str], set[str], set[int]]:
    values: set[str] = set()
    genres: set[str] = set()
    ids: set[int] = set()
    for item in sandboxed.truth.collection():
        info = item["basic_information"]
        ids.add(item["id"])
        genres.update(info.get("genres", []))
        values.update(info.get("genres", []) + info.get("styles", []))
        values.update(label["name"] for label in info.get("labels", []))
        values.update(artist["name"] for artist in info.get("artists", []))
        values.update(fmt["name"] for fmt in info.get("formats", []))
    return values, genres, ids


async def test_completions_come_from_the_users_own_index(sandboxed: Sandboxed) -> None:
    owned, genres, ids = _owned(sandboxed)
    genre = sorted(genres)[0]
    with anyio.fail_after(60):
        async with Client(sandboxed.server.mcp_url, mode="legacy") as client:
            assert client.server_capabilities.completions is not None, "completions capability not advertised"
            assert not (await client.call_tool("search_collection", {"per_page": 1})).is_error
            prefix = genre[:2].lower()
            result = await client.complete(PromptReference(type="ref/prompt", name="browse_collection"), {"name": "focus", "value": prefix})
            values = result.completion.values
            assert genre in values, (genre, values)
            assert all(v.lower().startswith(prefix) for v in values), values
            assert set(values) <= owned, set(values) - owned
            assert len(values) <= 100 and (result.completion.total or 0) >= len(values)

            first = str(min(ids))
            result = await client.complete(
                ResourceTemplateReference(type="ref/resource", uri="discogs://release/{id}"), {"name": "id", "value": first[:3]}
            )
            assert first in result.completion.values, result.completion.values
            assert {int(v) for v in result.completion.values} <= ids

            with pytest.raises(MCPError, match="Unknown prompt"):
                await client.complete(PromptReference(type="ref/prompt", name="no_such_prompt"), {"name": "focus", "value": "a"})
            with pytest.raises(MCPError, match="no argument"):
                await client.complete(PromptReference(type="ref/prompt", name="browse_collection"), {"name": "colour", "value": "a"})

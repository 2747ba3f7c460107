"""Ground truth for end-to-end tool tests: the sandbox Discogs, asked directly.

A server started with `DISCOGS_MCP_SANDBOX=on` and `DISCOGS_MCP_SANDBOX_PORT=<port>` serves a
generated Discogs account on that loopback port. Tests ask it the same questions the tools answer,
with the sample account's personal token, and compare. Nothing here imports project code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import httpx2

SAMPLE_USER = "sandbox_collector"
SAMPLE_TOKEN = "sandbox-personal-token"
USER_AGENT = "discogs-mcp-e2e/1.0 +https://example.invalid"


@dataclass
class SandboxTruth:
    """The sandbox Discogs at `base`, read as the sample collector."""

    base: str
    token: str = SAMPLE_TOKEN
    user: str = SAMPLE_USER

    def get(self, path: str, **params: Any) -> Any:
        r = httpx2.get(
            f"{self.base}{path}",
            params={k: v for k, v in params.items() if v is not None},
            headers={"Authorization": f"Discogs token={self.token}", "User-Agent": USER_AGENT},
            timeout=30.0,
        )
        r.raise_for_status()
        return r.json()

    def pages(self, path: str, key: str, per_page: int = 100, **params: Any) -> Iterator[dict[str, Any]]:
        """Every item of a paginated listing."""
        page = 1
        while True:
            doc = self.get(path, page=page, per_page=per_page, **params)
            yield from doc[key]
            if page >= doc["pagination"]["pages"]:
                return
            page += 1

    def collection(self) -> list[dict[str, Any]]:
        return list(self.pages(f"/users/{self.user}/collection/folders/0/releases", "releases"))

    def wantlist(self) -> list[dict[str, Any]]:
        return list(self.pages(f"/users/{self.user}/wants", "wants"))

    def folders(self) -> list[dict[str, Any]]:
        return self.get(f"/users/{self.user}/collection/folders")["folders"]

    def release(self, release_id: int) -> dict[str, Any]:
        return self.get(f"/releases/{release_id}")

"""An in-memory `TokenStorage` for the official SDK's `OAuthClientProvider` in end-to-end tests."""

from __future__ import annotations

from mcp.client.auth import TokenStorage
from mcp.shared.auth import OAuthClientInformationFull, OAuthToken


class MemoryTokenStorage(TokenStorage):
    """Keeps the client's registration and tokens for the life of one test."""

    def __init__(self) -> None:
        self.tokens: OAuthToken | None = None
        self.info: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.info

    async def set_client_info(self, info: OAuthClientInformationFull) -> None:
        self.info = info

"""Sign-in by URL elicitation (issue 13 point 9), with the official SDK against the sandbox.

An anonymous `/sse` session whose client has an elicitation callback (the SDK then declares
`elicitation: {form, url}`) and calls a Discogs tool is asked, through `elicitation/create` in
`url` mode, to open its login link; the callback plays the browser through that link (typing the
code the message shows), the session hears `tools/list_changed` and `elicitation/complete`, and
the retried call runs as the signed-in user. A client without the callback gets today's answers:
the scope refusal and the link in `auth_status`.

Only `/sse` has anonymous sessions with login links: `/mcp` answers 401 without a bearer (OAuth),
and stdio has no OAuth server, so there is nothing to sign in to by link there."""

from __future__ import annotations

import re
from typing import Any

import anyio
import httpx2
import pytest
from mcp import Client, types
from mcp.client.sse import sse_client
from mcp.shared.exceptions import MCPError

from conftest import ServerProcess
from oauth_helper import BrowserStop, play_browser

pytestmark = pytest.mark.anyio

CODE = re.compile(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b")


def text_of(result: Any) -> str:
    return " ".join(getattr(block, "text", "") for block in result.content)


def sign_in(link: str, code: str) -> None:
    """Plays the person's browser through a login link, typing `code`; ends on the signed-in page."""
    try:
        play_browser(link, stop_at="http://never.invalid/", fill={"code": code})
        raise AssertionError("the login flow should end on the signed-in page")
    except BrowserStop as stop:
        assert stop.status == 200 and "Signed in" in stop.text, stop


class Watcher:
    """Collects the notifications the session hears."""

    def __init__(self) -> None:
        self.list_changed = anyio.Event()
        self.completed: list[str] = []
        self.completed_event = anyio.Event()

    async def __call__(self, message: Any) -> None:
        root = getattr(message, "root", message)
        name = type(root).__name__
        if "ToolListChanged" in name or "tools/list_changed" in repr(root):
            self.list_changed.set()
        if "ElicitationComplete" in name or "elicitation/complete" in repr(root):
            params = getattr(root, "params", None)
            self.completed.append(getattr(params, "elicitation_id", None) or repr(root))
            self.completed_event.set()


async def test_sse_url_elicitation_signs_the_session_in(oauth_server: ServerProcess) -> None:
    asked: list[types.ElicitRequestURLParams] = []
    watcher = Watcher()

    async def elicit(context: Any, params: Any) -> types.ElicitResult:
        asked.append(params)
        assert params.mode == "url", params
        match = CODE.search(params.message)
        assert match, params.message
        # The person follows the link in their browser while the client shows the prompt.
        await anyio.to_thread.run_sync(lambda: sign_in(params.url, match.group(1)))
        return types.ElicitResult(action="accept")

    async with Client(sse_client(f"{oauth_server.url}/sse"), mode="legacy", message_handler=watcher, elicitation_callback=elicit) as c:
        assert c.protocol_version == "2025-11-25", c.protocol_version
        assert "search_collection" not in {t.name for t in (await c.list_tools(cache_mode="bypass")).tools}
        first = await c.call_tool("search_collection", {})
        assert len(asked) == 1, asked
        assert asked[0].url.startswith(f"{oauth_server.url}/login/"), asked[0].url
        assert first.is_error and "call search_collection again" in text_of(first), first
        with anyio.fail_after(10):
            await watcher.list_changed.wait()
            await watcher.completed_event.wait()
        assert watcher.completed == [asked[0].elicitation_id], watcher.completed
        retried = await c.call_tool("search_collection", {})
        assert not retried.is_error, retried
        assert retried.structured_content is not None, retried
        status = (await c.call_tool("auth_status", {})).structured_content
        assert status["authenticated"] is True and status["method"] == "oauth", status
    assert len(asked) == 1, "one elicitation per sign-in"


async def test_sse_declined_elicitation_gets_the_link_and_is_not_asked_again(oauth_server: ServerProcess) -> None:
    asked: list[Any] = []

    async def decline(context: Any, params: Any) -> types.ElicitResult:
        asked.append(params)
        return types.ElicitResult(action="decline")

    async with Client(sse_client(f"{oauth_server.url}/sse"), mode="legacy", elicitation_callback=decline) as c:
        first = await c.call_tool("list_folders", {})
        assert len(asked) == 1 and first.is_error, (asked, first)
        text = text_of(first)
        assert asked[0].url in text and "did not open" in text, text
        code = CODE.search(text)
        assert code and code.group(1) in asked[0].message, (text, asked[0].message)
        # While that link works, later calls repeat it instead of prompting again.
        again = await c.call_tool("search_collection", {})
        assert len(asked) == 1 and again.is_error and asked[0].url in text_of(again), (asked, again)
        # auth_status repeats it too, rather than voiding it with a fresh link.
        status = (await c.call_tool("auth_status", {})).structured_content
        assert status["loginUrl"] == asked[0].url and status["loginCode"] == code.group(1), status
        # The link in the text still works: signing in through it completes the session.
        await anyio.to_thread.run_sync(lambda: sign_in(asked[0].url, code.group(1)))
        retried = await c.call_tool("list_folders", {})
        assert not retried.is_error, retried


async def test_sse_client_without_elicitation_keeps_todays_answers(oauth_server: ServerProcess) -> None:
    async with Client(sse_client(f"{oauth_server.url}/sse"), mode="legacy") as c:
        with pytest.raises(MCPError) as refused:
            await c.call_tool("search_collection", {})
        assert refused.value.error.code == -32602 and "scope" in refused.value.error.message, refused.value.error
        status = (await c.call_tool("auth_status", {})).structured_content
        assert status["authenticated"] is False and status["loginUrl"].startswith(f"{oauth_server.url}/login/"), status
        assert CODE.fullmatch(status["loginCode"]), status
        page = await anyio.to_thread.run_sync(lambda: httpx2.get(status["loginUrl"], timeout=10))
        assert page.status_code == 200

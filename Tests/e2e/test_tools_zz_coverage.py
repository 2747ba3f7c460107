"""Runs after the other tool suites (pytest takes modules in name order): every tool that
`tools/list` advertises must have been called by one of them, so a new tool without an e2e test
fails the suite."""

from __future__ import annotations

import pytest

from tools_harness import CALLED, LISTED

# The modules whose calls count; run alone, this module has nothing to check.
TOOL_MODULES = {"collection", "database", "marketplace", "transports-2026"}


def test_tools_every_listed_tool_was_called(request: pytest.FixtureRequest) -> None:
    ran = {item.module.__name__ for item in request.session.items if item.module is not None}
    wanted = {"test_tools_collection", "test_tools_database", "test_tools_marketplace", "test_tools_transports"}
    if not wanted <= ran:
        pytest.skip(f"needs the whole tool suite in one run (missing: {sorted(wanted - ran)})")
    assert TOOL_MODULES <= set(LISTED), f"a tool module did not list the tools: {sorted(LISTED)}"
    listings = {frozenset(names) for names in LISTED.values()}
    assert len(listings) == 1, f"servers listed different tools: {LISTED}"
    listed = set(next(iter(listings)))
    assert listed - CALLED == set(), f"tools never called by the e2e suite: {sorted(listed - CALLED)}"
    assert CALLED - listed == set(), f"tools called but not listed: {sorted(CALLED - listed)}"

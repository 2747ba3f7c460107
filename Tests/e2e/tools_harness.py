"""Shared machinery of the tool suites (`test_tools_*.py`): one sandbox server per module with a
fixed sandbox port for ground truth, a recording tool caller that validates every structured result
against the tool's `outputSchema`, and the `/metrics` scraper.

Every tool call made through `Tools.call` is recorded in `CALLED`; `test_tools_zz_coverage.py`
asserts that the union equals what `tools/list` advertises, so a new tool without an e2e test fails.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AsyncIterator, Iterator

import httpx2
import jsonschema
import pytest
from mcp import Client

from conftest import SANDBOX_PERSONAL_TOKEN, ServerProcess, free_port, server_env
from sandbox_truth import SandboxTruth

# A count of one with a plural noun ("1 items", "1 Discogs requests"): no text answer may contain one.
BAD_COUNT = re.compile(
    r"(?<![\d.,])\b1 (?:Discogs |indexed |unique |matching )?(?:items|requests|releases|copies|folders|results|versions|votes|lists|orders"
    r"|messages|listings|entries|pages|picks|bytes|wants|tracks|seconds|minutes|calls|sessions|tools|days|hours)\b"
)

# The generated collection is big enough that a full sync needs several 100-item pages.
COLLECTION_SIZE = 250
# Names of every tool called successfully (or deliberately erroneously) by any tools module.
CALLED: set[str] = set()
# The tools/list of each tools module's server (all equal; the coverage test compares them).
LISTED: dict[str, set[str]] = {}


def tools_env(sandbox_port: int, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Personal mode against the in-process sandbox, with the limits lifted so nothing throttles."""
    env = server_env({
        "DISCOGS_MCP_SANDBOX_PORT": str(sandbox_port),
        "DISCOGS_MCP_SANDBOX_COLLECTION_SIZE": str(COLLECTION_SIZE),
        "DISCOGS_MCP_DISCOGS_REQUESTS_PER_MINUTE": "100000",
        "DISCOGS_MCP_TOOL_CALLS_PER_MINUTE": "100000",
    })
    if extra:
        env.update(extra)
    return env


@dataclass
class Sandboxed:
    """A running server and the sandbox Discogs it talks to."""

    server: ServerProcess
    truth: SandboxTruth
    sandbox_port: int


def start_sandboxed(e2e_tmp: Path, name: str) -> Iterator[Sandboxed]:
    workdir = e2e_tmp / name
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = ServerProcess(name=name, args=[], env=tools_env(port), workdir=workdir)
    server.start()
    try:
        yield Sandboxed(server=server, truth=SandboxTruth(base=f"http://127.0.0.1:{port}"), sandbox_port=port)
        # No crash: whatever the module threw at it, the server is still serving.
        assert server.alive(), f"server {name} died during the module:\n{server.stderr()}"
        assert httpx2.get(f"{server.url}/healthz", timeout=5).status_code == 200
    finally:
        server.stop()


def texts(result: Any) -> str:
    return "\n".join(block.text for block in result.content if getattr(block, "type", None) == "text")


@dataclass
class Tools:
    """A connected SDK client plus the advertised tool definitions."""

    client: Client
    definitions: dict[str, Any] = field(default_factory=dict)
    structured: bool = True  # False where the revision has no structuredContent

    async def load(self) -> "Tools":
        listing = await self.client.list_tools()
        self.definitions = {tool.name: tool for tool in listing.tools}
        return self

    async def call(self, name: str, arguments: dict[str, Any] | None = None) -> Any:
        """Calls a tool that must succeed; returns its structured content (validated) or the result."""
        result = await self.raw(name, arguments)
        assert not result.is_error, f"{name}({arguments}) failed: {texts(result)}"
        if not self.structured:
            return result
        schema = self.definitions[name].output_schema
        assert schema is not None, f"{name} declares no outputSchema"
        sc = result.structured_content
        assert isinstance(sc, dict), f"{name} returned no structuredContent: {result!r}"
        try:
            jsonschema.validate(sc, schema, cls=jsonschema.Draft202012Validator)
        except jsonschema.ValidationError as e:
            raise AssertionError(f"{name}: structuredContent violates its outputSchema: {e.message} at {list(e.absolute_path)}") from None
        return sc

    async def raw(self, name: str, arguments: dict[str, Any] | None = None) -> Any:
        assert name in self.definitions, f"{name} is not in tools/list ({sorted(self.definitions)})"
        CALLED.add(name)
        result = await self.client.call_tool(name, arguments or {})
        wrong = BAD_COUNT.search(texts(result))
        assert wrong is None, f"{name}({arguments}) answered {wrong.group(0)!r}: {texts(result)[:500]}"
        return result

    async def error(self, name: str, arguments: dict[str, Any] | None = None) -> str:
        """Calls a tool that must fail as a tool error (`isError`); returns its text."""
        result = await self.raw(name, arguments)
        assert result.is_error, f"{name}({arguments}) should have failed: {result!r}"
        text = texts(result)
        assert text.strip(), f"{name}: an error without text"
        return text


@asynccontextmanager
async def connect(url: str, mode: str = "legacy") -> AsyncIterator[Tools]:
    async with Client(url, mode=mode) as client:
        tools = await Tools(client).load()
        yield tools


def record_listing(module: str, tools: Tools) -> None:
    LISTED[module] = set(tools.definitions)


# --- ground-truth helpers -------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """The FTS5 unicode61 tokenizer's view (remove_diacritics 2): lower-case letter/digit runs."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", stripped.lower())


def index_text(item: dict[str, Any], notes: dict[int, str] | None = None) -> list[str]:
    """The words the collection index searches for one listing item: artist, title, label, catno,
    custom-field notes, genres, styles, formats (names and descriptions) and year."""
    info = item["basic_information"]
    artists = info.get("artists", [])
    parts = [re.sub(r"\s*\(\d+\)$", "", a.get(key) or "") for a in artists for key in ("name", "anv")]
    parts += [a.get("join") or "" for a in artists]
    parts.append(info["title"])
    parts += [lab["name"] for lab in info.get("labels", [])] + [lab.get("catno") or "" for lab in info.get("labels", [])]
    parts += [str(n.get("value", "")) for n in item.get("notes") or []]
    parts += info.get("genres", []) + info.get("styles", [])
    for fmt in info.get("formats", []):
        parts += [fmt["name"], *fmt.get("descriptions", [])]
    if info.get("year"):
        parts.append(str(info["year"]))
    return words(" ".join(parts))


def text_matches(item: dict[str, Any], query: str) -> bool:
    """Every query word is a prefix of some indexed word (the index's `"word"*` AND semantics)."""
    haystack = index_text(item)
    return all(any(w.startswith(q) for w in haystack) for q in words(query))


def metric_total(base_url: str, name: str) -> float:
    """Sum of every sample of a Prometheus counter on the server's /metrics."""
    body = httpx2.get(f"{base_url}/metrics", timeout=10).text
    total = 0.0
    for line in body.splitlines():
        if line.startswith(name) and (len(line) == len(name) or line[len(name)] in " {"):
            total += float(line.rsplit(" ", 1)[1])
    return total


def truth_post(truth: SandboxTruth, path: str, json: Any = None, method: str = "POST") -> httpx2.Response:
    """A write made directly on the sandbox Discogs as the sample collector (an 'outside' change)."""
    r = httpx2.request(
        method, f"{truth.base}{path}", json=json,
        headers={"Authorization": f"Discogs token={SANDBOX_PERSONAL_TOKEN}", "User-Agent": "discogs-mcp-e2e/1.0"}, timeout=30,
    )
    assert r.status_code < 300, f"{method} {path}: {r.status_code} {r.text}"
    return r


"""Bytes of what a client loads into the model's context per tool: name + description + inputSchema.

Issue 12 point 4 measures the whole list before and after tightening the wording (target ≤ 60 %).
Reads a `tools/list` answer (a JSON-RPC response or its `result`) from a file or stdin, or asks a
server binary for one over stdio (sandbox mode, every toolset, a throw-away database):

    curl -s … tools/list … | python3 bench/tool_definition_bytes.py [--top 10]
    python3 bench/tool_definition_bytes.py --stdio .build/debug/discogs-mcp

Sizes are UTF-8 bytes of compact JSON (no spaces), the form servers send; names count as their text.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from typing import Any


def compact(value: object) -> int:
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())


def tools_over_stdio(binary: str) -> list[dict[str, Any]]:
    """Every page of `tools/list` from `binary stdio` with no Discogs credentials (the sandbox)."""
    with tempfile.TemporaryDirectory() as scratch:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DISCOGS_")}
        env.update(DISCOGS_MCP_DATABASE=os.path.join(scratch, "bench.sqlite"), DISCOGS_MCP_SANDBOX_COLLECTION_SIZE="5")
        proc = subprocess.Popen([os.path.abspath(binary), "stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env, cwd=scratch, text=True)
        assert proc.stdin and proc.stdout

        def ask(ident: int, method: str, params: dict[str, Any]) -> dict[str, Any]:
            proc.stdin.write(json.dumps({"jsonrpc": "2.0", "id": ident, "method": method, "params": params}) + "\n")
            proc.stdin.flush()
            while True:
                message = json.loads(proc.stdout.readline())
                if message.get("id") == ident:
                    return message["result"]

        try:
            ask(1, "initialize", {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}})
            proc.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
            tools: list[dict[str, Any]] = []
            cursor, ident = None, 2
            while True:
                page = ask(ident, "tools/list", {"cursor": cursor} if cursor else {})
                tools += page["tools"]
                cursor, ident = page.get("nextCursor"), ident + 1
                if not cursor:
                    return tools
        finally:
            proc.stdin.close()
            proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", help="tools/list answer (default: stdin)")
    parser.add_argument("--stdio", metavar="BINARY", help="ask this discogs-mcp binary over stdio instead")
    parser.add_argument("--top", type=int, default=10, help="list the largest tools")
    args = parser.parse_args()
    if args.stdio:
        tools = tools_over_stdio(args.stdio)
    else:
        doc = json.load(open(args.file) if args.file else sys.stdin)
        tools = doc.get("result", doc)["tools"]
    rows = [(t["name"], len(t["name"].encode()), len(t.get("description", "").encode()), compact(t.get("inputSchema", {}))) for t in tools]
    names, descriptions, schemas = (sum(r[i] for r in rows) for i in (1, 2, 3))
    print(f"{len(rows)} tools: name {names:,} + description {descriptions:,} + inputSchema {schemas:,} = {names + descriptions + schemas:,} bytes")
    for name, n, d, s in sorted(rows, key=lambda r: -(r[1] + r[2] + r[3]))[: args.top]:
        print(f"  {name:<28} {n + d + s:>6,}  (description {d:,}, inputSchema {s:,})")


if __name__ == "__main__":
    main()

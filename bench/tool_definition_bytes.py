"""Bytes of what a client loads into the model's context per tool: name + description + inputSchema.

Issue 12 point 4 measures the whole list before and after tightening the wording (target ≤ 60 %).
Reads a `tools/list` answer (a JSON-RPC response or its `result`) from a file or stdin:

    curl -s … tools/list … | python3 bench/tool_definition_bytes.py [--top 10]

Sizes are UTF-8 bytes of compact JSON (no spaces), the form servers send; names count as their text.
"""

from __future__ import annotations

import argparse
import json
import sys


def compact(value: object) -> int:
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", help="tools/list answer (default: stdin)")
    parser.add_argument("--top", type=int, default=10, help="list the largest tools")
    args = parser.parse_args()
    doc = json.load(open(args.file) if args.file else sys.stdin)
    tools = doc.get("result", doc)["tools"]
    rows = [(t["name"], len(t["name"].encode()), len(t.get("description", "").encode()), compact(t.get("inputSchema", {}))) for t in tools]
    names, descriptions, schemas = (sum(r[i] for r in rows) for i in (1, 2, 3))
    print(f"{len(rows)} tools: name {names:,} + description {descriptions:,} + inputSchema {schemas:,} = {names + descriptions + schemas:,} bytes")
    for name, n, d, s in sorted(rows, key=lambda r: -(r[1] + r[2] + r[3]))[: args.top]:
        print(f"  {name:<28} {n + d + s:>6,}  (description {d:,}, inputSchema {s:,})")


if __name__ == "__main__":
    main()

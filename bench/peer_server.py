#!/usr/bin/env python3
"""Python peer for the discogs-mcp benchmark (bench/run).

Runs the official MCP Python SDK (PyPI `mcp`, pinned in bench/requirements.txt) `MCPServer`
on Streamable HTTP in stateless JSON-response mode (`stateless_http=True, json_response=True`),
under a single uvicorn worker, serving the same tool list as discogs-mcp: same count, names,
titles, descriptions, input schemas, output schemas and annotations, loaded from a file that
bench/run captures from our server's `tools/list` (a whole JSON-RPC response, a result object
`{"tools": [...]}`, or a bare list).

    peer_server.py --port 8092 --tools tools.json [--host 127.0.0.1]

The SDK's stateless mode serves both eras on /mcp: a request whose MCP-Protocol-Version header
is a handshake version (2025-11-25, ...) takes the legacy stateless path (no session is minted;
an Mcp-Session-Id header is ignored), and a 2026-07-28 request takes the modern path.
Logging is kept at WARNING and uvicorn's access log is off so the peer is not measured writing logs.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import uvicorn
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.tools import Tool
from mcp_types import ToolAnnotations


def load_tools(path: str) -> list[dict[str, Any]]:
    with open(path, "rb") as f:
        doc = json.load(f)
    if isinstance(doc, dict) and "result" in doc:
        doc = doc["result"]
    if isinstance(doc, dict):
        doc = doc.get("tools")
    if not isinstance(doc, list) or not doc:
        sys.exit(f"peer_server: no tools found in {path}")
    return doc


def make_tool(spec: dict[str, Any]) -> Tool:
    name = spec["name"]

    def handler() -> str:  # never called by the benchmark
        return f"{name}: not implemented in the benchmark peer"

    annotations = spec.get("annotations")
    tool = Tool.from_function(
        handler,
        name=name,
        title=spec.get("title"),
        description=spec.get("description") or "",
        annotations=ToolAnnotations.model_validate(annotations) if annotations else None,
        structured_output=False,
    )
    # Serve our exact schemas rather than ones derived from the Python signature.
    tool.parameters = spec.get("inputSchema") or {"type": "object"}
    if spec.get("outputSchema") is not None:
        # `output_schema` is a cached_property on the SDK's Tool: seed its cache.
        tool.__dict__["output_schema"] = spec["outputSchema"]
    else:
        tool.__dict__["output_schema"] = None
    return tool


def build_app(tools_path: str, host: str):
    tools = [make_tool(t) for t in load_tools(tools_path)]
    server = MCPServer(
        name="discogs-mcp-python-peer",
        version="1.0.0",
        instructions="Benchmark peer serving the discogs-mcp tool list.",
        tools=tools,
        log_level="WARNING",
    )
    return server.streamable_http_app(
        streamable_http_path="/mcp",
        json_response=True,
        stateless_http=True,
        host=host,
    ), len(tools)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--tools", required=True, help="JSON file with our tools/list response")
    args = ap.parse_args()

    app, count = build_app(args.tools, args.host)
    print(f"peer_server: serving {count} tools on http://{args.host}:{args.port}/mcp", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False, workers=1)


if __name__ == "__main__":
    main()

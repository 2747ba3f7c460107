#!/usr/bin/env python3
"""Python peer for bench/get-release: the official MCP Python SDK serving `get_release` from memory.

The peers' best case: a Python SDK `MCPServer` (stateless JSON mode, one uvicorn worker) whose
`get_release` answers from an in-memory dict holding the same release (fetched once from the
sandbox Discogs at start-up), returning it as structured content like ours. No Discogs call,
no database: whatever it costs is the SDK's and the interpreter's.

    peer_release_server.py --port 8093 --sandbox http://127.0.0.1:PORT --release ID
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from typing import Any

import uvicorn
from mcp.server.mcpserver import MCPServer

TOKEN = "sandbox-personal-token"


def fetch(base: str, path: str) -> dict[str, Any]:
    request = urllib.request.Request(
        base + path, headers={"Authorization": f"Discogs token={TOKEN}", "User-Agent": "discogs-mcp-bench/1.0"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--sandbox", required=True)
    ap.add_argument("--release", type=int, required=True)
    args = ap.parse_args()

    cache = {args.release: fetch(args.sandbox, f"/releases/{args.release}")}
    server = MCPServer(name="discogs-mcp-python-peer", version="1.0.0", log_level="WARNING")

    @server.tool(name="get_release", title="Get a release", description="A release by its Discogs id, from memory.")
    def get_release(release_id: int) -> dict[str, Any]:
        release = cache.get(release_id)
        if release is None:
            raise ValueError(f"release {release_id} is not cached")
        return release

    app = server.streamable_http_app(streamable_http_path="/mcp", json_response=True, stateless_http=True, host=args.host)
    print(f"peer_release_server: serving release {args.release} on http://{args.host}:{args.port}/mcp", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False, workers=1)


if __name__ == "__main__":
    main()

"""A blocking reader of a Server-Sent Events response for the end-to-end tests.

Parses the stream as the HTML Living Standard's "event stream interpretation" does: lines up to
a blank line form one event, `data:` lines join with newlines, a line starting with `:` is a
comment (counted, for keep-alive checks), the type defaults to `message`.
"""

from __future__ import annotations

import json
from typing import Any

import httpx2


class SSEReader:
    """Reads events one at a time from an open `httpx2` streaming response."""

    def __init__(self, resp: httpx2.Response) -> None:
        self.lines = resp.iter_lines()
        self.comments = 0

    def next_event(self) -> dict[str, str]:
        """The next event as its fields (`event`, `data`, `id`, …); EOFError when the stream ends."""
        event: dict[str, str] = {}
        data: list[str] = []
        for line in self.lines:
            if line == "":
                if data or event:
                    event["data"] = "\n".join(data)
                    event.setdefault("event", "message")
                    return event
                continue
            if line.startswith(":"):
                self.comments += 1
                continue
            key, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if key == "data":
                data.append(value)
            else:
                event[key] = value
        raise EOFError("SSE stream ended")

    def next_message(self, id: Any) -> dict[str, Any]:
        """The next JSON-RPC message event answering request `id`, skipping everything else."""
        while True:
            ev = self.next_event()
            if ev["event"] == "message" and ev["data"]:
                msg = json.loads(ev["data"])
                if msg.get("id") == id:
                    return msg

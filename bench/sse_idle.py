#!/usr/bin/env python3
"""Idle SSE sessions vs. resident memory (part of bench/run).

Opens N concurrent `GET /sse` connections (legacy HTTP+SSE transport) to a running server
with raw asyncio streams, waits until every one has read its `event: endpoint`, leaves them
idle, and reads the server process's resident memory from /proc/PID/status before and after.
Prints the growth per session in KB, then closes everything and checks the server answers
/healthz again.

    sse_idle.py --port 8091 --pid 12345 [--sessions 2000] [--path /sse] [--bearer TOKEN]

The last line is machine-readable for bench/run:
    SSE_RESULT sessions=2000 opened=2000 rss_before_kb=… rss_held_kb=… kb_per_session=… …

Method: a warm-up batch (default 50 sessions) is opened and closed first so one-off costs
(thread pools, allocator arenas, lazily built tables) are not charged to the sessions; then
the baseline is taken, the sessions are opened (at most --parallel handshakes in flight so
the listen backlog does not overflow), and RSS is read after --settle seconds of idleness.
`kb_per_session` = (VmRSS held − VmRSS baseline) / sessions opened. RssAnon (heap) is reported
beside it. Kernel socket buffers are not in RSS and are not counted.
Everything is bounded: --timeout caps the whole run; only the given loopback host is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import time
import urllib.request

ENDPOINT_MARK = b"event: endpoint"


def read_status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM, RssAnon, RssFile, Threads from /proc/PID/status (kB, count)."""
    out: dict[str, int] = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "Threads"):
                out[key] = int(value.split()[0])
    return out


def fd_limit_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/limits") as f:
            for line in f:
                if line.startswith("Max open files"):
                    return int(line.split()[3])
    except (OSError, ValueError):
        pass
    return None


def raise_own_fd_limit(need: int) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = max(soft, min(hard, max(need, 65536))) if hard != resource.RLIM_INFINITY else max(soft, need, 65536)
    if want > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class Session:
    __slots__ = ("reader", "writer", "endpoint")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, endpoint: str):
        self.reader, self.writer, self.endpoint = reader, writer, endpoint


async def open_session(host: str, port: int, path: str, bearer: str | None, timeout: float) -> Session:
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        auth = f"Authorization: Bearer {bearer}\r\n" if bearer else ""
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n"
            f"Cache-Control: no-cache\r\n{auth}\r\n".encode()
        )
        await writer.drain()
        buf = b""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no endpoint event in time")
            chunk = await asyncio.wait_for(reader.read(4096), remaining)
            if not chunk:
                raise ConnectionError(f"closed before endpoint event; got {buf[:200]!r}")
            buf += chunk
            if not buf.startswith(b"HTTP/1.1 200") and b"\r\n" in buf:
                status_line = buf.split(b"\r\n", 1)[0].decode(errors="replace")
                raise ConnectionError(f"status {status_line}")
            i = buf.find(ENDPOINT_MARK)
            if i >= 0:
                j = buf.find(b"data:", i)
                if j >= 0:
                    k = buf.find(b"\n", j)
                    if k >= 0:
                        return Session(reader, writer, buf[j + 5 : k].strip().decode(errors="replace"))
    except BaseException:
        writer.close()
        raise


async def open_many(args: argparse.Namespace, n: int) -> tuple[list[Session], list[str]]:
    sem = asyncio.Semaphore(args.parallel)
    errors: list[str] = []

    async def one() -> Session | None:
        async with sem:
            try:
                return await open_session(args.host, args.port, args.path, args.bearer, args.connect_timeout)
            except Exception as e:  # noqa: BLE001 - counted and reported
                errors.append(f"{type(e).__name__}: {e}")
                return None

    results = await asyncio.gather(*(one() for _ in range(n)))
    return [s for s in results if s is not None], errors


async def close_all(sessions: list[Session]) -> None:
    for s in sessions:
        s.writer.close()
    await asyncio.gather(*(s.writer.wait_closed() for s in sessions), return_exceptions=True)


def healthz(host: str, port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/healthz", timeout=5) as r:
            return r.status
    except Exception as e:  # noqa: BLE001
        code = getattr(e, "code", None)
        return code if isinstance(code, int) else 0


async def run(args: argparse.Namespace) -> int:
    server_fds = fd_limit_of(args.pid)
    if server_fds is not None and server_fds < args.sessions + 100:
        print(f"warning: server fd limit is {server_fds}, below {args.sessions} sessions", file=sys.stderr)

    if args.warmup:
        warm, werr = await open_many(args, args.warmup)
        await close_all(warm)
        if werr:
            print(f"warm-up: {len(werr)} failed, first: {werr[0]}", file=sys.stderr)
        if not warm:
            print("SSE_RESULT error=no-session-opened", flush=True)
            return 1
        print(f"endpoint event example: {warm[0].endpoint}")
    await asyncio.sleep(args.settle)
    before = read_status(args.pid)

    t0 = time.monotonic()
    sessions, errors = await open_many(args, args.sessions)
    open_s = time.monotonic() - t0
    await asyncio.sleep(args.settle)
    held = read_status(args.pid)
    await asyncio.sleep(args.hold)
    held_later = read_status(args.pid)
    alive = sum(1 for s in sessions if not s.reader.at_eof())

    opened = len(sessions)
    await close_all(sessions)
    await asyncio.sleep(args.settle)
    after_close = read_status(args.pid)
    health = healthz(args.host, args.port)

    if errors:
        print(f"{len(errors)} sessions failed; first: {errors[0]}", file=sys.stderr)
    per = (held["VmRSS"] - before["VmRSS"]) / opened if opened else float("nan")
    per_anon = (held.get("RssAnon", 0) - before.get("RssAnon", 0)) / opened if opened else float("nan")
    print(f"opened {opened}/{args.sessions} idle SSE sessions in {open_s:.2f}s; {alive} still open after {args.hold:.0f}s idle")
    print(f"VmRSS  baseline {before['VmRSS']} kB, held {held['VmRSS']} kB (+{args.hold:.0f}s: {held_later['VmRSS']} kB), "
          f"after close {after_close['VmRSS']} kB")
    print(f"RssAnon baseline {before.get('RssAnon')} kB, held {held.get('RssAnon')} kB; threads {before.get('Threads')} -> {held.get('Threads')}")
    print(f"=> {per:.1f} KB VmRSS per idle session ({per_anon:.1f} KB anonymous); /healthz after: {health}")
    print(
        f"SSE_RESULT sessions={args.sessions} opened={opened} alive={alive} failed={len(errors)} "
        f"rss_before_kb={before['VmRSS']} rss_held_kb={held['VmRSS']} rss_held_later_kb={held_later['VmRSS']} "
        f"rss_after_close_kb={after_close['VmRSS']} kb_per_session={per:.1f} anon_kb_per_session={per_anon:.1f} "
        f"open_seconds={open_s:.2f} healthz_after={health}",
        flush=True,
    )
    return 0 if opened == args.sessions and alive == opened else 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True, help="server process id (for /proc/PID/status)")
    ap.add_argument("--path", default="/sse")
    ap.add_argument("--sessions", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--parallel", type=int, default=100, help="handshakes in flight at once")
    ap.add_argument("--settle", type=float, default=2.0, help="seconds to wait before each RSS reading")
    ap.add_argument("--hold", type=float, default=5.0, help="seconds to stay idle after the held reading")
    ap.add_argument("--connect-timeout", type=float, default=15.0)
    ap.add_argument("--timeout", type=float, default=180.0, help="cap on the whole run")
    ap.add_argument("--bearer", default=None)
    args = ap.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("sse_idle.py only targets loopback")
    raise_own_fd_limit(args.sessions + args.warmup + 100)
    try:
        rc = asyncio.run(asyncio.wait_for(run(args), args.timeout))
    except TimeoutError:
        print(f"SSE_RESULT error=timeout-after-{args.timeout:.0f}s", flush=True)
        rc = 1
    sys.exit(rc)


if __name__ == "__main__":
    main()

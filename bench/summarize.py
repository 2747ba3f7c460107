#!/usr/bin/env python3
"""Turns one bench/run results directory into the markdown report (stdout).

Reads DIR/wrk/<era>/<target>/round-<n>.txt (raw `wrk --latency` output), DIR/meta.json
(written by bench/run: response sizes, tool count, versions) and DIR/sse.txt (sse_idle.py
output). Reports medians over rounds, ratios of the medians, and the per-round ratio range
(rounds are interleaved, so round k of each target ran under the same machine conditions).

    summarize.py bench/results/<stamp>
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

TARGETS = [
    ("ours", "discogs-mcp"),
    ("quiet", "discogs-mcp, metrics + logging off"),
    ("bare", "bare Hummingbird route"),
    ("python", "Python SDK MCPServer"),
]
ERAS = [("handshake", "2025-11-25 session"), ("2026", "2026-07-28 stateless")]
GOALS = {"vs_python": 20.0, "vs_bare": 0.60, "p99_vs_bare": 1.5, "sse_kb": 30.0, "vs_quiet": 0.95}

UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m:
        out["rps"] = float(m.group(1))
    m = re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    if m:
        out["p99"] = float(m.group(1)) * UNIT_MS[m.group(2)]
    m = re.search(r"^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    if m:
        out["p50"] = float(m.group(1)) * UNIT_MS[m.group(2)]
    m = re.search(r"(\d+) requests in", text)
    if m:
        out["requests"] = float(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    out["non2xx"] = float(m.group(1)) if m else 0.0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    out["sockerr"] = float(sum(int(g) for g in m.groups())) if m else 0.0
    return out


def load(results: Path) -> dict[tuple[str, str], list[dict[str, float]]]:
    runs: dict[tuple[str, str], list[dict[str, float]]] = {}
    for era, _ in ERAS:
        for target, _ in TARGETS:
            d = results / "wrk" / era / target
            files = sorted(d.glob("round-*.txt"), key=lambda p: int(p.stem.split("-")[1])) if d.is_dir() else []
            runs[(era, target)] = [parse_wrk(f.read_text()) for f in files]
    return runs


def med(rows: list[dict[str, float]], key: str) -> float | None:
    vals = [r[key] for r in rows if key in r]
    return statistics.median(vals) if vals else None


def fmt(x: float | None, spec: str = ".0f") -> str:
    return "—" if x is None else format(x, spec)


def ratio_range(a: list[dict[str, float]], b: list[dict[str, float]], key: str) -> str:
    pairs = [x[key] / y[key] for x, y in zip(a, b) if key in x and key in y and y[key] > 0]
    if len(pairs) < 2:
        return ""
    return f" ({min(pairs):.2f}–{max(pairs):.2f})"


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("✅" if ok else "❌")


def main() -> None:
    results = Path(sys.argv[1])
    meta = json.loads((results / "meta.json").read_text()) if (results / "meta.json").exists() else {}
    runs = load(results)
    lines: list[str] = []
    p = lines.append

    p(f"### discogs-mcp `tools/list` benchmark — {meta.get('stamp', results.name)}")
    p("")
    p(f"{meta.get('tools', '?')} tools; wrk `-t{meta.get('threads', '?')} -c{meta.get('connections', '?')} "
      f"-d{meta.get('duration', '?')} --latency`, {meta.get('rounds', '?')} interleaved rounds; "
      f"{meta.get('cpus', '?')} CPUs ({meta.get('cpu_model', '?')}); commit {meta.get('commit', '?')}.")
    if meta.get("loadavg_before"):
        p(f"Load average before the wrk runs {meta['loadavg_before']}, after {meta['loadavg_after']} "
          f"(wrk + the server under test keep it near 2; much more means another job shared the CPUs).")
    p("Medians over rounds; ratios are ratios of the medians, with the range of the per-round ratios in brackets.")
    p("")
    p("| target | era | response bytes | median req/s | median p50 ms | median p99 ms | non-2xx / socket errors | req/s vs Python | req/s vs bare | p99 vs bare |")
    p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    checks: list[tuple[str, float | None, bool | None]] = []
    for era, era_label in ERAS:
        py, bare, ours = runs[(era, "python")], runs[(era, "bare")], runs[(era, "ours")]
        for target, label in TARGETS:
            rows = runs[(era, target)]
            if not rows:
                continue
            rps, p99, p50 = med(rows, "rps"), med(rows, "p99"), med(rows, "p50")
            bad = int(sum(r.get("non2xx", 0) for r in rows)), int(sum(r.get("sockerr", 0) for r in rows))
            vs_py = vs_bare = p99_bare = ""
            if target != "python" and med(py, "rps"):
                vs_py = f"{rps / med(py, 'rps'):.1f}×{ratio_range(rows, py, 'rps')}"
            if target == "ours" and med(bare, "rps"):
                vs_bare = f"{rps / med(bare, 'rps'):.2f}{ratio_range(rows, bare, 'rps')}"
            if target == "ours" and med(bare, "p99"):
                p99_bare = f"{p99 / med(bare, 'p99'):.2f}{ratio_range(rows, bare, 'p99')}"
            size = meta.get("bytes", {}).get(era, {}).get(target, "?")
            p(f"| {label} | {era_label} | {size} | {fmt(rps)} | {fmt(p50, '.2f')} | {fmt(p99, '.2f')} | "
              f"{bad[0]} / {bad[1]} | {vs_py} | {vs_bare} | {p99_bare} |")
        if ours:
            r_py = med(ours, "rps") / med(py, "rps") if med(py, "rps") else None
            r_bare = med(ours, "rps") / med(bare, "rps") if med(bare, "rps") else None
            r_p99 = med(ours, "p99") / med(bare, "p99") if med(bare, "p99") else None
            quiet = runs.get((era, "quiet"), [])
            r_quiet = med(ours, "rps") / med(quiet, "rps") if med(quiet, "rps") else None
            if r_quiet is not None:
                checks.append((f"{era_label}: metrics + logging on ≥ {GOALS['vs_quiet']:.0%} of off{ratio_range(ours, quiet, 'rps')}", r_quiet, r_quiet >= GOALS["vs_quiet"]))
            clean = all(r.get("non2xx", 0) == 0 and r.get("sockerr", 0) == 0 for r in ours + py + bare)
            checks += [
                (f"{era_label}: req/s ≥ {GOALS['vs_python']:.0f}× Python", r_py, None if r_py is None else r_py >= GOALS["vs_python"]),
                (f"{era_label}: req/s ≥ {GOALS['vs_bare']:.0%} of bare", r_bare, None if r_bare is None else r_bare >= GOALS["vs_bare"]),
                (f"{era_label}: p99 ≤ {GOALS['p99_vs_bare']}× bare", r_p99, None if r_p99 is None else r_p99 <= GOALS["p99_vs_bare"]),
                (f"{era_label}: every response 2xx, no socket errors", None, clean),
            ]

    sse = (results / "sse.txt").read_text() if (results / "sse.txt").exists() else ""
    m = re.search(r"^SSE_RESULT (.*)$", sse, re.M)
    sse_kv = dict(kv.split("=", 1) for kv in m.group(1).split()) if m else {}
    p("")
    if "kb_per_session" in sse_kv:
        kb = float(sse_kv["kb_per_session"])
        p(f"**Idle SSE sessions:** {sse_kv['opened']}/{sse_kv['sessions']} opened "
          f"({sse_kv.get('alive', '?')} still open after the hold, {sse_kv.get('failed', '?')} failed) in "
          f"{sse_kv.get('open_seconds', '?')} s; server VmRSS {sse_kv['rss_before_kb']} kB → {sse_kv['rss_held_kb']} kB "
          f"(after close {sse_kv.get('rss_after_close_kb', '?')} kB) = **{kb:.1f} KB per session** "
          f"({sse_kv.get('anon_kb_per_session', '?')} KB anonymous); /healthz afterwards: {sse_kv.get('healthz_after', '?')}.")
        checks.append((f"idle SSE ≤ {GOALS['sse_kb']:.0f} KB/session at {sse_kv['sessions']}", kb,
                       kb <= GOALS["sse_kb"] and sse_kv["opened"] == sse_kv["sessions"]))
    elif sse_kv:
        p(f"**Idle SSE sessions:** failed: {m.group(1)}")
        checks.append(("idle SSE ≤ 30 KB/session", None, False))
    else:
        p("**Idle SSE sessions:** not measured.")

    p("")
    p("| goal | measured | met |")
    p("|---|---:|:-:|")
    for name, value, ok in checks:
        p(f"| {name} | {fmt(value, '.2f')} | {verdict(ok)} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

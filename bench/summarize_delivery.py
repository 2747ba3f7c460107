"""Turns a bench/delivery results directory into a markdown report (medians over rounds)."""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def parse(path: Path) -> dict[str, float]:
    text = path.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    errors = len(re.findall(r"Non-2xx|Socket errors", text))
    return {"rps": rps, "p99_ms": float(p99.group(1)) * UNITS[p99.group(2)], "errors": errors}


def wire_bytes(out: Path, name: str) -> int:
    """Body plus response headers, as the client received them (TLS record overhead not counted)."""
    return (out / name).stat().st_size + (out / f"{name}.headers").stat().st_size


def main() -> None:
    out = Path(sys.argv[1])
    meta = json.loads((out / "meta.json").read_text())
    runs: dict[str, list[dict[str, float]]] = {}
    for target_dir in sorted((out / "wrk").iterdir()):
        runs[target_dir.name] = [parse(p) for p in sorted(target_dir.glob("round-*.txt"))]
    med = {t: {k: statistics.median(r[k] for r in rs) for k in ("rps", "p99_ms")} for t, rs in runs.items()}
    errors = {t: sum(r["errors"] for r in rs) for t, rs in runs.items()}
    sizes = {"plain": wire_bytes(out, "plain.json"), "plain-gzip": wire_bytes(out, "plain-gzip.gz"), "bare": wire_bytes(out, "plain.json"),
             "tls": wire_bytes(out, "tls.json"), "tls-gzip": wire_bytes(out, "plain-gzip.gz")}
    tools = len(json.loads((out / "plain.json").read_text())["result"]["tools"])
    print(f"# bench/delivery — tools/list (2026-07-28, {tools} tools)\n")
    print(f"{meta['rounds']} rounds × {meta['duration']}, wrk -t{meta['threads']} -c{meta['connections']} (keep-alive), "
          f"commit {meta['commit']}, load average {meta['loadavg_before']} → {meta['loadavg_after']}\n")
    print("| target | req/s (median) | p99 ms (median) | bytes on the wire per answer | req/s vs plain | req/s vs bare | errors |")
    print("|---|---|---|---|---|---|---|")
    for t in ("bare", "plain", "plain-gzip", "tls", "tls-gzip"):
        if t not in med:
            continue
        print(f"| {t} | {med[t]['rps']:,.0f} | {med[t]['p99_ms']:.2f} | {sizes[t]:,} | {med[t]['rps'] / med['plain']['rps']:.2f} | "
              f"{med[t]['rps'] / med['bare']['rps']:.2f} | {errors[t] or '—'} |")
    print()
    print(f"- gzip answer: {sizes['plain-gzip']:,} bytes vs {sizes['plain']:,} identity ({sizes['plain-gzip'] / sizes['plain']:.1%}).")
    print(f"- TLS keep-alive vs plain: {med['tls']['rps'] / med['plain']['rps']:.2f}× req/s identity, "
          f"{med['tls-gzip']['rps'] / med['plain-gzip']['rps']:.2f}× with gzip.")
    print(f"- gzip vs identity: {med['plain-gzip']['rps'] / med['plain']['rps']:.2f}× req/s over HTTP, "
          f"{med['tls-gzip']['rps'] / med['tls']['rps']:.2f}× over TLS.")


if __name__ == "__main__":
    main()

"""PostgreSQL for the end-to-end tests: the throw-away cluster `scripts/test` starts
(`DISCOGS_MCP_TEST_POSTGRES_URL`), a fresh database per use, read with `psql`."""

from __future__ import annotations

import os
import subprocess
import uuid
from typing import Iterator

import pytest


def cluster_url() -> str:
    """The cluster's URL; fails (never skips) without one."""
    url = os.environ.get("DISCOGS_MCP_TEST_POSTGRES_URL", "")
    if not url:
        pytest.fail(
            "DISCOGS_MCP_TEST_POSTGRES_URL is not set: run ./scripts/test, or eval \"$(scripts/postgres-cluster start)\" first",
            pytrace=False,
        )
    return url


def psql(url: str, sql: str) -> list[list[str]]:
    """Rows of `sql` (tab-separated, unaligned) run with `psql`; raises on any error."""
    out = subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-F", "\t", "-c", sql],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def fresh_database() -> Iterator[str]:
    """Creates an empty database on the cluster, yields its URL (with TLS off: loopback), drops it."""
    base = cluster_url()
    name = f"e2e_{uuid.uuid4().hex}"
    psql(base, f"CREATE DATABASE {name}")
    root, _, _ = base.rpartition("/")
    try:
        yield f"{root}/{name}?sslmode=disable"
    finally:
        psql(base, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

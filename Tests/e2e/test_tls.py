"""Built-in TLS (issue 12): `DISCOGS_MCP_TLS_CERT`/`DISCOGS_MCP_TLS_KEY` make the server speak HTTPS.

The test makes its own CA and two server certificates with openssl. It proves: the official SDK
signs in through OAuth and uses the tools over `https://127.0.0.1:PORT/mcp`; the advertised URLs
are https by default; a certificate swap + SIGHUP while a legacy SSE stream is open leaves that
stream working while new connections get the new certificate; a broken reload keeps the old one;
bad or mismatched files stop start-up (exit 78) with one line naming the setting.
"""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urljoin

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.auth import AuthorizationCodeResult, OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import OAuthClientMetadata

from conftest import ServerProcess, free_port, oauth_env, server_binary, server_env
from sdk_storage import MemoryTokenStorage
from sse_reader import SSEReader
from oauth_helper import REDIRECT_URI, play_browser


@dataclass
class PKI:
    """A CA and two server certificates for 127.0.0.1 it signed, plus a key that matches neither."""

    folder: Path
    ca: Path
    leaves: list[tuple[Path, Path]]  # (certificate, key)
    stranger_key: Path

    def context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca))

    def der(self, index: int) -> bytes:
        return ssl.PEM_cert_to_DER_cert(self.leaves[index][0].read_text())


def _openssl(*args: str, cwd: Path) -> None:
    done = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"openssl {' '.join(args)} failed: {done.stderr}"


def _key(name: str, cwd: Path) -> None:
    _openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name, cwd=cwd)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> PKI:
    folder = tmp_path_factory.mktemp("tls-pki")
    _key("ca.key", folder)
    _openssl("req", "-x509", "-new", "-key", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=discogs-mcp e2e test CA",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    (folder / "leaf.ext").write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
    )
    leaves = []
    for n in (1, 2):
        _key(f"leaf{n}.key", folder)
        _openssl("req", "-new", "-key", f"leaf{n}.key", "-out", f"leaf{n}.csr", "-subj", "/CN=127.0.0.1", cwd=folder)
        _openssl("x509", "-req", "-in", f"leaf{n}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", str(1000 + n),
                 "-days", "2", "-extfile", "leaf.ext", "-out", f"leaf{n}.pem", cwd=folder)
        leaves.append((folder / f"leaf{n}.pem", folder / f"leaf{n}.key"))
    _key("stranger.key", folder)
    return PKI(folder=folder, ca=folder / "ca.pem", leaves=leaves, stranger_key=folder / "stranger.key")


def _install(pki: PKI, index: int, cert: Path, key: Path) -> None:
    """Puts leaf `index` at the configured paths the way a renewal does: write aside, then rename."""
    for source, target in ((pki.leaves[index][0], cert), (pki.leaves[index][1], key)):
        aside = target.with_suffix(".new")
        aside.write_bytes(source.read_bytes())
        os.replace(aside, target)


def _tls_server(name: str, workdir: Path, pki: PKI, env: dict[str, str]) -> ServerProcess:
    workdir.mkdir(parents=True, exist_ok=True)
    cert, key = workdir / "server.pem", workdir / "server.key"
    _install(pki, 0, cert, key)
    env = {**env, "DISCOGS_MCP_TLS_CERT": str(cert), "DISCOGS_MCP_TLS_KEY": str(key)}
    return ServerProcess(name=name, args=[], env=env, workdir=workdir, scheme="https", verify=pki.context())


@pytest.fixture(scope="module")
def tls_oauth_server(pki: PKI, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    server = _tls_server("tls-oauth", tmp_path_factory.mktemp("tls-oauth"), pki, oauth_env())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def served_certificate(port: int, context: ssl.SSLContext) -> bytes:
    """The DER certificate a fresh, verified TLS connection to the server is shown."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            der = tls.getpeercert(binary_form=True)
            assert der is not None
            return der


# --- start-up refusals ----------------------------------------------------------------------------


def _start_refused(tmp_path: Path, extra: dict[str, str]) -> tuple[int, str]:
    env = server_env(extra)
    cmd = [str(server_binary()), "serve", "--port", str(free_port()), "--database", str(tmp_path / "db.sqlite")]
    done = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stderr.strip()


def test_bad_or_mismatched_files_stop_startup_naming_the_setting(pki: PKI, tmp_path: Path) -> None:
    cert, key = pki.leaves[0]
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
    cases = [
        ({"DISCOGS_MCP_TLS_CERT": str(cert)}, "DISCOGS_MCP_TLS_KEY", "must be set together"),
        ({"DISCOGS_MCP_TLS_KEY": str(key)}, "DISCOGS_MCP_TLS_CERT", "must be set together"),
        ({"DISCOGS_MCP_TLS_CERT": str(tmp_path / "missing.pem"), "DISCOGS_MCP_TLS_KEY": str(key)}, "DISCOGS_MCP_TLS_CERT", "does not exist"),
        ({"DISCOGS_MCP_TLS_CERT": str(garbage), "DISCOGS_MCP_TLS_KEY": str(key)}, "DISCOGS_MCP_TLS_CERT", "PEM"),
        ({"DISCOGS_MCP_TLS_CERT": str(cert), "DISCOGS_MCP_TLS_KEY": str(cert)}, "DISCOGS_MCP_TLS_KEY", "private key"),
        ({"DISCOGS_MCP_TLS_CERT": str(cert), "DISCOGS_MCP_TLS_KEY": str(pki.stranger_key)}, "DISCOGS_MCP_TLS_KEY", "does not match"),
    ]
    for extra, setting, words in cases:
        code, stderr = _start_refused(tmp_path, extra)
        assert code == 78, (extra, code, stderr)
        lines = stderr.splitlines()
        assert len(lines) == 1, (extra, stderr)
        assert lines[0].startswith(f"discogs-mcp: invalid configuration: {setting}="), (extra, stderr)
        assert words in lines[0], (extra, stderr)
        # The key's contents never reach the terminal.
        assert "PRIVATE KEY" not in stderr


# --- the official SDK over HTTPS, OAuth included --------------------------------------------------


def _provider(server_url: str, verify: Any) -> OAuthClientProvider:
    pending: dict[str, AuthorizationCodeResult] = {}

    async def redirect_handler(url: str) -> None:
        query = await anyio.to_thread.run_sync(lambda: play_browser(url, verify=verify))
        assert "error" not in query, query
        pending["r"] = AuthorizationCodeResult(code=query["code"][0], state=query["state"][0], iss=query.get("iss", [None])[0])

    async def callback_handler() -> AuthorizationCodeResult:
        return pending.pop("r")

    return OAuthClientProvider(
        server_url=server_url,
        client_metadata=OAuthClientMetadata(client_name="e2e-tls", redirect_uris=[REDIRECT_URI], token_endpoint_auth_method="none"),
        storage=MemoryTokenStorage(), redirect_handler=redirect_handler, callback_handler=callback_handler,
    )


def test_advertised_urls_default_to_https(tls_oauth_server: ServerProcess) -> None:
    base = tls_oauth_server.url
    assert base.startswith("https://")
    with httpx2.Client(timeout=10, verify=tls_oauth_server.verify) as http:
        prm = http.get(f"{base}/.well-known/oauth-protected-resource/mcp").json()
        assert prm["resource"] == f"{base}/mcp" and prm["authorization_servers"] == [base], prm
        meta = http.get(f"{base}/.well-known/oauth-authorization-server").json()
        assert meta["issuer"] == base and meta["token_endpoint"].startswith("https://"), meta
        challenge = http.post(f"{base}/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "ping"},
                              headers={"Accept": "application/json, text/event-stream"})
        assert challenge.status_code == 401
        assert f'resource_metadata="{base}/.well-known/oauth-protected-resource/mcp"' in challenge.headers["www-authenticate"]
    # Plain HTTP on the TLS port is not served.
    with pytest.raises(httpx2.TransportError):
        httpx2.get(f"http://127.0.0.1:{tls_oauth_server.port}/healthz", timeout=5)


@pytest.mark.anyio
async def test_sdk_signs_in_and_calls_tools_over_https(tls_oauth_server: ServerProcess) -> None:
    url = tls_oauth_server.mcp_url
    verify = tls_oauth_server.verify
    auth = _provider(url, verify)
    async with httpx2.AsyncClient(auth=auth, verify=verify, timeout=httpx2.Timeout(30, read=120)) as http:
        for mode in ("auto", "legacy"):
            async with Client(streamable_http_client(url, http_client=http), mode=mode, cache=None) as c:
                tools = {t.name for t in (await c.list_tools()).tools}
                assert {"auth_status", "search_collection"} <= tools, tools
                status = await c.call_tool("auth_status", {})
                info = status.structured_content or {}
                assert info.get("authenticated") is True and info.get("method") == "oauth", status
                folders = await c.call_tool("list_folders", {})
                assert not folders.is_error and folders.structured_content, folders
    assert auth.context.current_tokens is not None


# --- reload on SIGHUP -----------------------------------------------------------------------------


def _wait_for_certificate(port: int, context: ssl.SSLContext, expected: bytes, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while served_certificate(port, context) != expected:
        assert time.monotonic() < deadline, "new connections still see the old certificate after SIGHUP"
        time.sleep(0.1)


def test_sighup_swaps_the_certificate_and_keeps_open_streams(pki: PKI, tmp_path: Path) -> None:
    server = _tls_server("tls-reload", tmp_path / "reload", pki, server_env())
    server.start()
    try:
        assert server.proc is not None
        context = pki.context()
        assert served_certificate(server.port, context) == pki.der(0)
        with httpx2.Client(base_url=server.url, verify=context, timeout=httpx2.Timeout(10, read=15)) as stream_client, \
                stream_client.stream("GET", "/sse", headers={"Accept": "text/event-stream"}) as stream:
            assert stream.status_code == 200
            reader = SSEReader(stream)
            endpoint = reader.next_event()
            assert endpoint["event"] == "endpoint", endpoint
            target = urljoin(f"{server.url}/sse", endpoint["data"])

            def send(message: dict[str, Any]) -> None:
                # A new connection per message: each one handshakes with the certificate of the moment.
                with httpx2.Client(verify=context, timeout=10) as http:
                    r = http.post(target, json=message)
                    assert r.status_code == 202, (r.status_code, r.text)

            send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "protocolVersion": "2024-11-05", "capabilities": {}, "clientInfo": {"name": "e2e-tls", "version": "1"}}})
            assert reader.next_message(1)["result"]["protocolVersion"] == "2024-11-05"
            send({"jsonrpc": "2.0", "method": "notifications/initialized"})

            _install(pki, 1, Path(server.env["DISCOGS_MCP_TLS_CERT"]), Path(server.env["DISCOGS_MCP_TLS_KEY"]))
            assert served_certificate(server.port, context) == pki.der(0), "the certificate changed before SIGHUP"
            server.proc.send_signal(signal.SIGHUP)
            _wait_for_certificate(server.port, context, pki.der(1))

            # The stream opened under the old certificate still carries answers.
            send({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "ping", "arguments": {}}})
            assert "result" in reader.next_message(2)

            # A broken renewal: the key no longer matches. SIGHUP is refused, the last good pair stays.
            Path(server.env["DISCOGS_MCP_TLS_KEY"]).write_bytes(pki.stranger_key.read_bytes())
            server.proc.send_signal(signal.SIGHUP)
            deadline = time.monotonic() + 10
            while "TLS reload on SIGHUP refused" not in server.stderr():
                assert time.monotonic() < deadline, server.stderr()
                time.sleep(0.1)
            assert served_certificate(server.port, context) == pki.der(1)
            send({"jsonrpc": "2.0", "id": 3, "method": "ping"})
            assert "result" in reader.next_message(3)
        assert server.alive()
        assert "TLS certificate reloaded on SIGHUP" in server.stderr()
        assert "PRIVATE KEY" not in server.stderr()
    finally:
        server.stop()


def test_sighup_without_tls_is_harmless(server: ServerProcess) -> None:
    """`systemctl reload` sends SIGHUP whatever the settings; a plain-HTTP server must not die of it."""
    assert server.proc is not None
    server.proc.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 10
    while "nothing to reload" not in server.stderr():
        assert server.alive() and time.monotonic() < deadline, server.stderr()
        time.sleep(0.1)
    assert httpx2.get(f"{server.url}/healthz", timeout=5).status_code == 200

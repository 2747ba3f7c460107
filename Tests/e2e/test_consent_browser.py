"""The consent page in a real browser (issue 9): headless Chromium loads it, the test ticks and
unticks scopes through the DOM, submits it, and the resulting grant matches. A screenshot of the
page is saved as .build/e2e-artifacts/consent-page.png (or under $E2E_ARTIFACTS), never committed.

Chromium is Debian's `chromium` (scripts/test installs it); it is driven over the DevTools protocol
with `websocket-client`. Chromium treats http://127.0.0.1 as a secure context, so the consent page's
`__Host-` cookies work as they do over https.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlparse

import httpx2
import pytest
import websocket

from conftest import ServerProcess
from oauth_helper import REDIRECT_URI, authorize_url, pkce_pair, register

# Where screenshots go: the e2e suite's output folder under .build (never committed), or E2E_ARTIFACTS.
ARTIFACTS_ENV = "E2E_ARTIFACTS"
DEFAULT_ARTIFACTS = Path(__file__).resolve().parents[2] / ".build" / "e2e-artifacts"


class DevTools:
    """A minimal DevTools-protocol client for one page target."""

    def __init__(self, ws_url: str) -> None:
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for_event(self, predicate: Any, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for event in self.events:
            if predicate(event):
                return event
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                message = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                break
            self.events.append(message)
            if predicate(message):
                return message
        raise AssertionError("the browser never got there; events seen: " + ", ".join(e.get("method", "?") for e in self.events[-20:]))

    def wait_for_load(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate("document.readyState") == "complete":
                return
            time.sleep(0.1)
        raise AssertionError("page did not finish loading")

    def close(self) -> None:
        self.ws.close()


@pytest.fixture()
def chromium(tmp_path: Path) -> Iterator[str]:
    """A headless Chromium with remote debugging; yields its DevTools HTTP base URL."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    assert binary, "chromium is missing: scripts/test installs Debian's chromium package"
    profile = tmp_path / "chromium-profile"
    proc = subprocess.Popen(
        [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=900,1100", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=open(tmp_path / "chromium.stderr.log", "wb"), start_new_session=True,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not port_file.exists() or not port_file.read_text().strip():
            assert proc.poll() is None, (tmp_path / "chromium.stderr.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port_file.read_text().split()[0]}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def test_consent_page_in_headless_chromium(oauth_server: ServerProcess, chromium: str, tmp_path: Path) -> None:
    base = oauth_server.url
    client = register(base, name="Chromium e2e")
    verifier, challenge = pkce_pair()
    url = authorize_url(base, client["client_id"], challenge, scope=None, resource=base + "/mcp")  # no scope: the default set

    target = httpx2.put(f"{chromium}/json/new?about:blank", timeout=30).json()
    tools = DevTools(target["webSocketDebuggerUrl"])
    try:
        tools.call("Network.enable")
        tools.call("Page.enable")
        tools.call("Page.navigate", url=url)
        tools.wait_for_load()
        boxes = tools.evaluate(
            "[...document.querySelectorAll('input[type=checkbox]')].map(b => ({id: b.id, name: b.name, checked: b.checked, disabled: b.disabled}))"
        )
        assert boxes == [
            {"id": "scope-read", "name": "", "checked": True, "disabled": True},
            {"id": "scope-write", "name": "scope_write", "checked": True, "disabled": False},
            {"id": "scope-marketplace", "name": "scope_marketplace", "checked": True, "disabled": False},
        ], boxes
        assert "Chromium e2e" in tools.evaluate("document.querySelector('h1').textContent")
        # The person unticks marketplace, ticks it again, then unticks it for good; write stays.
        tools.evaluate("document.getElementById('scope-marketplace').click()")
        tools.evaluate("document.getElementById('scope-marketplace').click()")
        tools.evaluate("document.getElementById('scope-marketplace').click()")
        assert tools.evaluate("document.getElementById('scope-marketplace').checked") is False
        shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        folder = Path(os.environ.get(ARTIFACTS_ENV) or DEFAULT_ARTIFACTS)
        folder.mkdir(parents=True, exist_ok=True)
        screenshot = folder / "consent-page.png"
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        print(f"\nconsent page screenshot: {screenshot}")
        # Clicking Approve (a real submit: the browser sends the __Host- cookie and the ticked boxes).
        tools.evaluate("document.querySelector('button[value=approve]').click()")
        sent = tools.wait_for_event(
            lambda e: e.get("method") == "Network.requestWillBeSent" and e["params"]["request"]["url"].startswith(REDIRECT_URI), timeout=60
        )
    finally:
        tools.close()
    query = parse_qs(urlparse(sent["params"]["request"]["url"]).query)
    assert "code" in query and query["iss"] == [base], query
    r = httpx2.post(f"{base}/token", data={"grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": REDIRECT_URI,
                                           "client_id": client["client_id"], "code_verifier": verifier, "resource": base + "/mcp"}, timeout=30)
    assert r.status_code == 200, r.text
    assert r.json()["scope"] == "read write"

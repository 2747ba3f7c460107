"""OAuth helpers for the end-to-end tests (and for `bench/`'s BENCH_TOKEN_CMD).

Plays every part a person's browser plays in the server's OAuth flow against the sandbox
Discogs: loads the consent page, submits it with `decision=approve` (or `deny`) and its CSRF
token, follows the redirects through the fake Discogs authorize page to our callback and on
to the client's redirect URI, where it stops (that URI is never contacted).

As a script it prints an access token for a server in sandbox mode:

    python Tests/e2e/oauth_helper.py http://127.0.0.1:8080 [--scope "read write"] [--resource /mcp]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import secrets
import sys
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import httpx2

REDIRECT_URI = "http://127.0.0.1:33418/callback"  # never contacted: the browser stops before it


class ConsentForm(HTMLParser):
    """The first form of a page as a browser submits it: its action, hidden fields, ticked (enabled)
    checkboxes, filled text fields and the clicked decision button.

    `untick`/`tick` name checkboxes (e.g. `scope_write`) to change before submitting; `fill`
    types into text fields by name (the login-link page's `code`)."""

    def __init__(self, decision: str, untick: frozenset[str] | set[str] = frozenset(), tick: frozenset[str] | set[str] = frozenset(),
                 fill: dict[str, str] | None = None) -> None:
        super().__init__()
        self.decision = decision
        self.untick, self.tick, self.fill = set(untick), set(tick), dict(fill or {})
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self.checkboxes: dict[str, bool] = {}
        self._in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.action is None:
            self.action = a.get("action", "")
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and a.get("type") == "checkbox":
            if name and "disabled" not in a:
                checked = ("checked" in a or name in self.tick) and name not in self.untick
                self.checkboxes[name] = checked
                if checked:
                    self.fields[name] = a.get("value", "on")
            return
        if tag == "input" and a.get("type") == "text" and name:
            self.fields[name] = self.fill.get(name, a.get("value", ""))
            return
        if tag in ("input", "button") and name:
            if a.get("type") == "hidden" or (name == "decision" and a.get("value") == self.decision):
                self.fields[name] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False


class BrowserStop(Exception):
    """The browser reached a page it cannot act on."""

    def __init__(self, status: int, url: str, text: str) -> None:
        super().__init__(f"unexpected {status} at {url}: {text[:300]}")
        self.status = status
        self.url = url
        self.text = text


def play_browser(url: str, *, stop_at: str = REDIRECT_URI, decision: str = "approve", discogs_decision: str | None = None,
                 jar: dict[str, str] | None = None, max_hops: int = 20, untick: set[str] | frozenset[str] = frozenset(),
                 tick: set[str] | frozenset[str] = frozenset(), fill: dict[str, str] | None = None,
                 discogs_username: str | None = None, pages: list[str] | None = None, verify: Any = True,
                 rewrite: Any = None) -> dict[str, list[str]]:
    """Follows `url` like a browser until a redirect to `stop_at`; returns that redirect's query.

    Cookies are carried by hand: httpx2 never sends `Secure` (`__Host-`) cookies to http://127.0.0.1.
    `discogs_decision="deny"` declines at the fake Discogs authorize page; `discogs_username` signs in
    there as another sandbox account. Forms are submitted as a browser would (see `ConsentForm`);
    `pages` collects the HTML of every form page seen; `verify` trusts an https server's certificate;
    `rewrite` maps each URL before it is requested (a fleet test pins every step to one instance).
    """
    cookies = jar if jar is not None else {}
    method, data = "GET", None
    with httpx2.Client(follow_redirects=False, timeout=30, verify=verify) as b:
        for _ in range(max_hops):
            if "/oauth/authorize" in url:
                if discogs_decision and "decision=" not in url:
                    url = url + ("&" if "?" in url else "?") + "decision=" + discogs_decision
                if discogs_username and "username=" not in url:
                    url = url + ("&" if "?" in url else "?") + "username=" + discogs_username
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
            r = b.request(method, rewrite(url) if rewrite else url, data=data, headers=headers)
            for sc in r.headers.get_list("set-cookie"):
                k, _, v = sc.split(";", 1)[0].partition("=")
                if "max-age=0" in sc.lower():
                    cookies.pop(k.strip(), None)
                else:
                    cookies[k.strip()] = v
            if r.status_code in (301, 302, 303, 307, 308):
                url, method, data = urljoin(url, r.headers["location"]), "GET", None
                if url.startswith(stop_at):
                    return parse_qs(urlparse(url).query)
            elif r.status_code == 200 and "<form" in r.text:
                if pages is not None:
                    pages.append(r.text)
                form = ConsentForm(decision, untick=untick, tick=tick, fill=fill)
                form.feed(r.text)
                url, method, data = urljoin(url, form.action or url), "POST", form.fields
            else:
                raise BrowserStop(r.status_code, url, r.text)
    raise AssertionError("too many redirects")


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(64)[:96]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def register(base: str, *, redirect_uri: str = REDIRECT_URI, name: str = "e2e-helper") -> dict[str, Any]:
    r = httpx2.post(f"{base}/register", json={
        "client_name": name, "redirect_uris": [redirect_uri], "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"], "token_endpoint_auth_method": "none", "application_type": "native",
    }, timeout=30)
    assert r.status_code == 201, r.text
    return r.json()


def authorize_url(base: str, client_id: str, challenge: str, *, scope: str | None, resource: str, state: str = "st",
                  redirect_uri: str = REDIRECT_URI) -> str:
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "code_challenge": challenge,
              "code_challenge_method": "S256", "state": state, "resource": resource}
    if scope:
        params["scope"] = scope
    return f"{base}/authorize?{urlencode(params)}"


def obtain_tokens(base: str, *, scope: str | None = None, resource_path: str = "/mcp", **browser: Any) -> dict[str, Any]:
    """Registers a public client and runs the whole flow (approving the consent page as shown, or as
    `play_browser`'s keyword arguments change it); returns the token response plus `client_id`."""
    client = register(base)
    verifier, challenge = pkce_pair()
    resource = base + resource_path
    query = play_browser(authorize_url(base, client["client_id"], challenge, scope=scope, resource=resource), **browser)
    assert "code" in query, query
    assert query.get("iss") == [base], query
    r = httpx2.post(f"{base}/token", data={
        "grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": REDIRECT_URI,
        "client_id": client["client_id"], "code_verifier": verifier, "resource": resource,
    }, timeout=30)
    assert r.status_code == 200, r.text
    return {**r.json(), "client_id": client["client_id"], "resource": resource}


def main() -> None:
    parser = argparse.ArgumentParser(description="Print an access token from a discogs-mcp server in sandbox mode.")
    parser.add_argument("base", help="the server's public base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--scope", default="read write")
    parser.add_argument("--resource", default="/mcp", help="the endpoint path the token is for (/mcp or /sse)")
    args = parser.parse_args()
    tokens = obtain_tokens(args.base.rstrip("/"), scope=args.scope, resource_path=args.resource)
    sys.stdout.write(tokens["access_token"] + "\n")


if __name__ == "__main__":
    main()

"""Optional URL reachability checks for publiccode.yml (only with ``--network``).

Each URL gets one HEAD request (then a GET when HEAD is refused) with a short
timeout. Only http(s) URLs to public addresses are fetched: loopback, private
and link-local addresses are refused, so a hostile file cannot make the check
probe the machine's own network. At most ``MAX_URLS`` URLs are checked.
"""
from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

TIMEOUT_SECONDS = 5.0
MAX_URLS = 10
USER_AGENT = "dpgcheck (publiccode.yml URL check)"


def urls_to_check(doc: Any) -> list[tuple[str, str]]:
    """(key path, URL) pairs the reference parser checks online: url, landingURL, roadmap, documentation links."""
    if not isinstance(doc, dict):
        return []
    found: list[tuple[str, str]] = []
    for key in ("url", "landingURL", "roadmap"):
        if isinstance(doc.get(key), str):
            found.append((key, doc[key]))
    descriptions = doc.get("description")
    if isinstance(descriptions, dict):
        for language in sorted(descriptions):
            text = descriptions[language]
            if isinstance(text, dict):
                for name in ("documentation", "apiDocumentation"):
                    if isinstance(text.get(name), str):
                        found.append((f"description.{language}.{name}", text[name]))
    return found[:MAX_URLS]


def _public_host(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return False
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved or address.is_multicast or address.is_unspecified:
            return False
    return bool(infos)


class _NoRedirectToPrivate(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        host = urlsplit(newurl).hostname or ""
        if urlsplit(newurl).scheme not in ("http", "https") or not _public_host(host):
            raise urllib.error.URLError("redirect to a non-public address refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def reachable(url: str, timeout: float = TIMEOUT_SECONDS) -> tuple[bool, str]:
    """(reachable, reason) for one URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False, "not an http(s) URL"
    if not _public_host(parts.hostname):
        return False, "host does not resolve to a public address"
    opener = urllib.request.build_opener(_NoRedirectToPrivate)
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=timeout) as response:
                return (200 <= response.status < 400), f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return False, f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return False, f"unreachable ({str(reason)[:80]})"
    return False, "unreachable"


def check_urls(doc: Any, lines: dict[str, int], timeout: float = TIMEOUT_SECONDS) -> list[dict[str, Any]]:
    """Errors for the URLs that cannot be reached."""
    issues = []
    for key, url in urls_to_check(doc):
        ok, reason = reachable(url, timeout)
        if not ok:
            issues.append({"severity": "error", "key": key, "code": "unreachable", "message": f"{key} cannot be reached: {reason}", "line": lines.get(key, 1)})
    return issues

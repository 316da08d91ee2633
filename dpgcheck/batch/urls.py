"""Git URLs in a batch: which are accepted, and how they are cloned into the cache.

Accepted: ``https://host/path``, ``ssh://[user@]host[:port]/path``, scp-style
``user@host:path`` and ``file:///absolute/path``. Refused, as a row with the
reason: anything beginning with ``-`` (git would read it as an option), other
schemes (``http``, ``git``, ``ext::``/``fd::`` remote helpers, which can run
commands), credentials in an https URL (they would be written into every result
line), ``file://`` with a host, queries, fragments, white space and control
characters. Git runs with the project's hardened invocation
(:mod:`dpgcheck.gitcmd`), never prompts, runs no hooks and allows only
the URL's own protocol.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from dpgcheck.gitcmd import GitUnavailable, git
from dpgcheck.errors import DpgcheckError

_SCP = re.compile(r"^(?P<user>[A-Za-z0-9._~+-]+)@(?P<host>[A-Za-z0-9.-]+):(?P<path>[^/].*|/.+)$")
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:.]+\]$")
_SCHEMES = {"https": "https", "ssh": "ssh", "file": "file"}


def looks_like_url(entry: str) -> bool:
    """Would git read ENTRY as a remote rather than a local path? (``scheme://``, ``user@host:``, ``helper::``)"""
    return "://" in entry or "::" in entry or bool(_SCP.match(entry))


def protocol_of(url: str) -> str:
    """The git protocol of an accepted URL, or a :class:`DpgcheckError` saying why it is refused."""
    if url.startswith("-"):
        raise DpgcheckError("a URL may not begin with '-' (git would read it as an option)")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise DpgcheckError("a URL may not contain white space or control characters")
    scp = _SCP.match(url)
    if scp and "://" not in url:
        if not _HOST.match(scp["host"]) or scp["path"].startswith("-"):
            raise DpgcheckError("not a valid user@host:path address")
        return "ssh"
    if "::" in url.split("://", 1)[0]:
        raise DpgcheckError("remote-helper addresses (transport::address) are refused: they can run commands")
    if "://" not in url:
        raise DpgcheckError("not a valid user@host:path address or URL")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise DpgcheckError(f"the {scheme or 'empty'}:// scheme is refused; use https://, ssh:// or file://")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise DpgcheckError("a URL with a query or fragment is refused")
    path = parts.path
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise DpgcheckError("a file:// URL names a file on this machine: write file:///absolute/path")
        if not path.startswith("/") or path.rstrip("/") == "":
            raise DpgcheckError("a file:// URL needs an absolute path")
        return "file"
    host = parts.hostname or ""
    if not host or not _HOST.match(host if ":" not in host else f"[{host}]") or parts.netloc.startswith("-"):
        raise DpgcheckError("the URL has no valid host name")
    try:
        parts.port
    except ValueError:
        raise DpgcheckError("the URL has an invalid port") from None
    if scheme == "https" and (parts.username is not None or parts.password is not None):
        raise DpgcheckError("credentials in an https URL are refused (they would be written into the results)")
    if scheme == "ssh" and (parts.username or "").startswith("-"):
        raise DpgcheckError("the URL's user name may not begin with '-'")
    if path.rstrip("/") == "":
        raise DpgcheckError("the URL names no repository path")
    return _SCHEMES[scheme]


def cache_name(url: str) -> str:
    """A folder name for URL's clone: readable, and unique through a hash of the whole URL."""
    tail = re.sub(r"\.git$", "", url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1])
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", tail).strip(".-")[:60] or "repo"
    return f"{readable}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:16]}"


def _git_config(protocol: str) -> tuple[str, ...]:
    """On top of the hardened defaults: only this protocol, no prompts (ssh in batch mode), checked objects."""
    settings = [
        f"protocol.{protocol}.allow=always",
        "core.sshCommand=ssh -o BatchMode=yes -o ConnectTimeout=20",
        "transfer.fsckObjects=true",
        "fetch.fsckObjects=true",
        "submodule.recurse=false",
        "init.templateDir=",
        "advice.detachedHead=false",
    ]
    return tuple(item for setting in settings for item in ("-c", setting))


def checkout(url: str, cache_dir: Path, *, depth: int, timeout: float) -> Path:
    """The clone of URL in CACHE_DIR, made or brought up to date; a :class:`DpgcheckError` when git fails."""
    protocol = protocol_of(url)
    config = _git_config(protocol)
    shallow = ("--depth", str(depth)) if depth > 0 else ()
    destination = cache_dir / cache_name(url)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        if (destination / ".git").is_dir():
            recorded = git(destination, "config", "--get", "remote.origin.url", timeout=timeout).strip()
            if recorded != url:
                raise DpgcheckError(f"the cached clone {destination} belongs to another URL; remove it")
            git(destination, "fetch", "-q", "--no-tags", *shallow, "--", "origin", "HEAD", timeout=timeout, config=config)
            git(destination, "reset", "-q", "--hard", "FETCH_HEAD", timeout=timeout, config=config)
            return destination
        # Clone beside the final place and rename: a clone cut short never looks like a finished one.
        scratch = cache_dir / f".{destination.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
        try:
            git(cache_dir, "clone", "-q", "--no-tags", "--template=", *shallow, "--", url, str(scratch), timeout=timeout, config=config)
            os.rename(scratch, destination)
        finally:
            if scratch.exists():
                shutil.rmtree(scratch, ignore_errors=True)
    except GitUnavailable as exc:
        raise DpgcheckError(str(exc)) from None
    except OSError as exc:
        raise DpgcheckError(f"cannot use the clone cache: {exc.strerror or exc}", path=str(cache_dir)) from None
    return destination

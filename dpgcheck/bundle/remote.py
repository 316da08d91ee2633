"""Fetch a policy bundle from an HTTPS URL, with a cache and ETags, usable offline.

The archive is kept in ``<cache>/bundles/<sha256 of the URL>.tar.gz`` with its ETag. A
later run asks with ``If-None-Match`` and reuses the cached copy on ``304 Not Modified``;
when the server cannot be reached (or ``--offline`` is given) the cached copy is used.
Plain ``http://`` is refused unless asked for (``--allow-http``): a bundle decides
verdicts, and anyone on the path could change it. TLS is verified against the system's
CAs or the CA file given (``--bundle-ca``). What is fetched is an archive like any other:
unpacked safely, and verified when keys are pinned.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from dpgcheck.errors import DpgcheckError

MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class RemoteOptions:
    """How bundle URLs are fetched: the CA to trust, whether plain HTTP is allowed, offline use of the cache."""

    ca_file: Path | None = None
    allow_http: bool = False
    offline: bool = False


def is_url(value: str) -> bool:
    return value.startswith(("https://", "http://"))


def cache_dir() -> Path:
    base = os.environ.get("DPGCHECK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "dpgcheck"
    )
    return Path(base) / "bundles"


def label_of(url: str) -> str:
    name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or "bundle"
    for suffix in (".tar.gz", ".tgz"):
        name = name.removesuffix(suffix)
    return name


def fetch(url: str, options: RemoteOptions) -> Path:
    """The local path of the bundle at ``url``: fetched, revalidated or taken from the cache."""
    import ssl
    import urllib.error
    import urllib.request

    if url.startswith("http://") and not options.allow_http:
        raise DpgcheckError("plain HTTP is refused for policy bundles (anyone on the path could change them): use https://, or --allow-http", path=url)
    directory = cache_dir()
    key = hashlib.sha256(url.encode()).hexdigest()[:32]
    archive, meta_file = directory / f"{key}.tar.gz", directory / f"{key}.json"
    meta = {}
    if meta_file.is_file() and archive.is_file():
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
    if options.offline:
        if not archive.is_file():
            raise DpgcheckError("--offline: this bundle URL was never fetched, so there is no cached copy", path=url)
        return archive
    request = urllib.request.Request(url, headers={"User-Agent": "dpgcheck", "Accept": "application/gzip, application/octet-stream"})
    if meta.get("etag"):
        request.add_header("If-None-Match", meta["etag"])
    context = None
    if url.startswith("https://"):
        try:
            context = ssl.create_default_context(cafile=str(options.ca_file) if options.ca_file else None)
        except (OSError, ssl.SSLError) as exc:
            raise DpgcheckError(f"cannot read the CA file: {exc}", path=str(options.ca_file)) from None
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS, context=context) as response:
            data = response.read(MAX_DOWNLOAD_BYTES + 1)
            etag = response.headers.get("ETag")
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and archive.is_file():
            return archive
        raise DpgcheckError(f"the bundle server answered HTTP {exc.code} {exc.reason}", path=url) from None
    except (urllib.error.URLError, OSError, ssl.SSLError) as exc:
        if archive.is_file():
            return archive  # offline: the copy fetched last time
        reason = getattr(exc, "reason", exc)
        raise DpgcheckError(f"cannot fetch the bundle ({reason}) and no cached copy exists", path=url) from None
    if len(data) > MAX_DOWNLOAD_BYTES:
        raise DpgcheckError(f"the bundle is larger than {MAX_DOWNLOAD_BYTES} bytes; refused", path=url)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        partial = archive.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(archive)
        meta_file.write_text(json.dumps({"url": url, "etag": etag}), encoding="utf-8")
    except OSError as exc:
        raise DpgcheckError(f"cannot write the bundle cache: {exc.strerror or exc}", path=str(directory)) from None
    return archive

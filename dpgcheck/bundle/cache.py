"""A cache of loaded policy sets, keyed by the digest of everything they are made of.

Loading the built-in bundle parses every rule's METADATA (YAML), merges ~0.5 MB of data
and generates the dispatch module; on a pre-commit run that is ~40 ms of a budget of a
few hundred. The cache keeps the result as JSON files named by a SHA-256 over the
dpgcheck version, the source of the modules that build a policy set, and every file of
every bundle, so any change to a policy, a data file or the loader is a new key:

* a bundle given with ``--bundle`` is known by the path and bytes of each file, read and
  hashed on every run;
* the built-in bundle, a part of the installed package, by the path, size and
  modification time of each file (a stat, as the licence caches know their libraries):
  hashing its 200-odd files took 10-15 ms of every pre-commit run. Installing another
  version or editing a file in a checkout changes what is stated.

What is saved is the parsing. The policy set kept is the one an engine judges with: its
test modules (half of the bytes) are not kept, and ``dpgcheck policy test`` loads afresh.

The cache lives beside the licence cache (``$DPGCHECK_CACHE_DIR``, else
``$XDG_CACHE_HOME/dpgcheck``, else ``~/.cache/dpgcheck``; ``DPGCHECK_NO_CACHE=1`` turns
it off). Every cache error is ignored: it can make a run faster, never change it.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpgcheck import __version__
from dpgcheck.cache import cache_root, write_json, write_text

if TYPE_CHECKING:
    from dpgcheck.bundle.loader import PolicySet

FORMAT = 3
#: The modules whose code decides what a loaded policy set holds.
_BUILDERS = ("loader.py", "datafiles.py", "metadata.py", "dispatch.py", "archive.py", "overlay.py", "cache.py")


def _bundle_digest(root: Path, digest: "hashlib._Hash", *, by_content: bool = True) -> bool:
    """Feed every file under ``root`` (sorted, with its relative path) into ``digest``: its bytes'
    hash, or with ``by_content=False`` its size and modification time (the installed built-in
    bundle). False for what the loader refuses (a link or a special file): let it say so."""
    if root.is_file():
        digest.update(b"archive\0" + root.read_bytes())
        return True
    if not root.is_dir():
        return False
    for directory, subdirs, names in os.walk(root):
        subdirs.sort()
        relative = os.path.relpath(directory, root)
        for name in sorted(names):
            path = os.path.join(directory, name)
            digest.update(f"{relative}/{name}".encode("utf-8", "surrogateescape") + b"\0")
            if not by_content:
                info = os.lstat(path)
                if not stat.S_ISREG(info.st_mode):
                    return False
                digest.update(f"{info.st_size}\0{info.st_mtime_ns}\0".encode())
                continue
            if os.path.islink(path):
                return False
            # Opened without blocking and checked on the open file: a FIFO (a plain open would wait
            # for a writer forever) or a device is not read here; the loader refuses it by name.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
            with open(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    return False
                digest.update(hashlib.sha256(handle.read()).digest())
        if any(os.path.islink(os.path.join(directory, name)) for name in subdirs):
            return False
    return True


@functools.lru_cache(maxsize=1)
def _package_digest(include_builtin: bool) -> bytes | None:
    """The digest of the loader's code and of the built-in bundle: files of the installed
    package, which do not change while a process runs, so they are hashed once per process
    (a batch worker or an in-process test run checks many repositories)."""
    from dpgcheck.resources import builtin_policies

    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    try:
        for name in _BUILDERS:
            digest.update(name.encode() + b"\0" + (here / name).read_bytes())
        if include_builtin:
            builtin = builtin_policies()
            if not isinstance(builtin, Path):
                return None
            digest.update(b"\0bundle\0" + str(builtin.name).encode("utf-8", "surrogateescape") + b"\0")
            if not _bundle_digest(builtin, digest, by_content=False):
                return None
    except OSError:
        return None
    return digest.digest()


def cache_key(bundle_paths: tuple[Path, ...], include_builtin: bool) -> str | None:
    """The digest of a policy set's inputs, or None when they cannot all be read as files."""
    package = _package_digest(include_builtin)
    if package is None:
        return None
    digest = hashlib.sha256(f"dpgcheck-policy-set\0{FORMAT}\0{__version__}\0{include_builtin}\0".encode() + package)
    try:
        for root in (Path(p) for p in bundle_paths):
            digest.update(b"\0bundle\0" + str(root.name).encode("utf-8", "surrogateescape") + b"\0")
            if not _bundle_digest(root, digest):
                return None
    except OSError:
        return None
    return digest.hexdigest()


def cached_policies(
    bundle_paths: tuple[Path | str, ...] = (), *, include_builtin: bool = True, verification: Any = None, remote: Any = None
) -> "PolicySet":
    """The same policy set as :func:`~dpgcheck.bundle.loader.load_policies`, from the cache when it is there.

    Bundles fetched from a URL and runs that verify signatures always load afresh: their
    checks (and their signature status in the report) must be made on every run.
    """
    from dpgcheck.bundle.loader import load_policies

    root = cache_root()
    verifying = verification is not None and bool(getattr(verification, "keys", ()) or getattr(verification, "required", False))
    remote_bundles = any(isinstance(p, str) and p.startswith(("https://", "http://")) for p in bundle_paths)
    key = None
    if root is not None and not verifying and not remote_bundles:
        key = cache_key(tuple(Path(p) for p in bundle_paths), include_builtin)
    if root is None or key is None:
        return load_policies(bundle_paths, include_builtin=include_builtin, verification=verification, remote=remote)
    folder = root / "policies"
    stored = _read(folder, key)
    if stored is not None:
        return stored
    policy_set = load_policies(bundle_paths, include_builtin=include_builtin)
    policy_set.test_modules = {}  # as a cached set has none
    policy_set.data_text = json.dumps(policy_set.data)
    # The data first, then the rest: an entry is complete once its .set.json is in place.
    write_text(folder / f"{key}.data.json", policy_set.data_text)
    write_json(folder / f"{key}.set.json", {
        "format": FORMAT,
        "modules": policy_set.modules,
        "manifests": policy_set.manifests,
        "sources": policy_set.sources,
        "packages": policy_set.packages,
        "bundles": policy_set.bundles,
        "revision": policy_set.revision,
    })
    return policy_set


def _read(folder: Path, key: str) -> "PolicySet | None":
    from dpgcheck.bundle.loader import PolicySet

    try:
        with open(folder / f"{key}.set.json", encoding="utf-8") as handle:
            stored: Any = json.load(handle)
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            return None
        data_text = (folder / f"{key}.data.json").read_text(encoding="utf-8")
        data = json.loads(data_text)
        if not isinstance(data, dict):
            return None
        return PolicySet(
            modules=stored["modules"],
            test_modules={},
            data=data,
            manifests=stored["manifests"],
            sources=stored["sources"],
            packages=stored["packages"],
            bundles=stored["bundles"],
            data_text=data_text,
            known_revision=stored["revision"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None

"""A small on-disk cache for work that is slow to start (loading licenseclassifier's scanner,
building license-expression's index, parsing CI workflows, fetched bundles), so a pre-commit
run on unchanged files pays a file read instead.

Location: ``$DPGCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/dpgcheck``, else
``~/.cache/dpgcheck``. ``DPGCHECK_NO_CACHE=1`` turns it off. Keys include the version of
the library and a hash of the dpgcheck module that computes the answer, so a changed
detector or analyser never reads old answers. Every error is ignored: the cache can only
make a run faster, never change or break it.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def cache_root() -> Path | None:
    if os.environ.get("DPGCHECK_NO_CACHE"):
        return None
    base = os.environ.get("DPGCHECK_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "dpgcheck"
    )
    return Path(base)


def library_stamp(library: str) -> str | None:
    """Where a library's package sits, its size and when it was installed, or None when it is absent.

    A stat, not ``importlib.metadata``, which costs ~0.1 s with many packages installed; the
    library is not imported.
    """
    try:
        import importlib.util

        spec = importlib.util.find_spec(library)
        if spec is None or not spec.origin:
            return None
        info = os.stat(spec.origin)
    except (OSError, ImportError, ValueError):
        return None
    return f"{spec.origin}|{info.st_size}|{info.st_mtime_ns}"


def versioned_dir(kind: str, library: str, module_file: str) -> Path | None:
    """``<root>/<kind>/<library stamp>-<module hash>``, or None when caching is off (or the library is absent)."""
    root = cache_root()
    if root is None:
        return None
    found = library_stamp(library)
    if found is None:
        return None
    try:
        own = hashlib.sha256(Path(module_file).read_bytes()).hexdigest()[:12]
    except OSError:
        return None
    stamp = hashlib.sha256(found.encode()).hexdigest()[:12]
    return root / kind / f"{library}-{stamp}-{own}"


def files_digest(paths: "Iterable[str]") -> "hashlib._Hash | None":
    """A SHA-256 of the files' bytes in turn (the code that computes a cache's answers), or None
    when one cannot be read; a caller may add more to it."""
    digest = hashlib.sha256()
    try:
        for path in paths:
            digest.update(Path(path).read_bytes())
    except OSError:
        return None
    return digest


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path, value: Any) -> None:
    """Write atomically (a temporary file renamed into place); ignore every error."""
    try:
        text = json.dumps(value, sort_keys=True)
    except (TypeError, ValueError):
        return
    write_text(path, text)


def write_text(path: Path, text: str) -> None:
    """Write atomically (a temporary file renamed into place); ignore every error."""
    import tempfile  # here: a warm run reads its caches and never writes (tempfile imports random, shutil, bz2, lzma)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    except OSError:
        pass


class DiskMap:
    """A small ``str -> JSON value`` map kept in one cache file: read when first used, written
    once at exit when a run added to it, at most ``limit`` entries (beyond, new ones are not
    kept). ``kind``, ``library`` and ``module_file`` name the file as :func:`versioned_dir` does,
    unless ``directory`` (called once, when the map is first used) gives the folder."""

    def __init__(self, kind: str, library: str, module_file: str, name: str, limit: int,
                 *, directory: "Callable[[], Path | None] | None" = None) -> None:
        self._where = (kind, library, module_file, name)
        self._directory = directory
        self._limit = limit
        self._entries: dict[str, Any] | None = None
        self._dirty = False
        self._located = False
        self._file: Path | None = None

    def _path(self) -> Path | None:
        if not self._located:
            kind, library, module_file, name = self._where
            directory = self._directory() if self._directory is not None else versioned_dir(kind, library, module_file)
            self._file = directory / name if directory is not None else None
            self._located = True
        return self._file

    def get(self, key: str) -> Any:
        if self._entries is None:
            path = self._path()
            data = read_json(path) if path is not None else None
            self._entries = data if isinstance(data, dict) else {}
        return self._entries.get(key)

    def put(self, key: str, value: Any) -> None:
        if self._entries is None:
            self.get(key)
        assert self._entries is not None
        if len(self._entries) >= self._limit or self._path() is None:
            return
        self._entries[key] = value
        if not self._dirty:
            import atexit

            self._dirty = True
            atexit.register(self._flush)

    def _flush(self) -> None:
        path = self._path()
        if path is not None and self._entries is not None:
            write_json(path, self._entries)

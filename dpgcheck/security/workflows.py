"""One CI workflow file to facts, through the bounded YAML loader, with a content-keyed cache.

:func:`read_workflow` is pure: the same bytes give the same facts, whatever the file's path
(the path is filled in afterwards). So its answers are cached on disk by a hash of the bytes
(the licence cache's place and switches: ``DPGCHECK_CACHE_DIR``, ``DPGCHECK_NO_CACHE=1``):
a repository's whole set of workflows has one entry (:func:`cached_read_set`), and each
workflow's answer is kept in one file of answers, written as the run ends, for the runs where
the set changed. The key includes a hash of the modules that compute the answer, so a changed
parser never reads old answers; every cache error is ignored.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from dpgcheck import cache
from dpgcheck.security import github_actions, gitlab_ci, text

MAX_WORKFLOW_BYTES = 512 * 1024
MAX_WORKFLOW_NODES = 50_000
#: Workflow answers kept on disk (~2 kB each); beyond, new ones are parsed again each run.
ANSWERS_KEPT = 5_000
LISTS = ("actions", "images", "downloads", "checkouts", "expressions")
#: The sources whose change makes cached answers stale. The YAML loader is named by path: importing
#: it (and PyYAML, ~25 ms) waits until a workflow is not in the cache.
_MODULES = (__file__, github_actions.__file__, gitlab_ci.__file__, text.__file__, str(Path(__file__).parent.parent / "untrusted" / "yaml.py"))
_cache_dirs: dict[str, Path | None] = {}


def read_workflow(system: str, data: bytes) -> dict[str, Any]:
    """``{"summary": ..., "actions": [...], ..., "refused": None | {code, message, line}}`` with empty paths."""
    from dpgcheck.untrusted import yaml as safe_yaml

    empty: dict[str, Any] = {name: [] for name in LISTS}
    try:
        loaded = safe_yaml.load(data, max_bytes=MAX_WORKFLOW_BYTES, max_nodes=MAX_WORKFLOW_NODES)
    except safe_yaml.YamlRefused as refused:
        message = refused.message
        if refused.code == "multiple-documents":
            message = "file holds more than one YAML document; a CI workflow must be one"
        return {**empty, "summary": None, "refused": {"code": refused.code, "message": message, "line": refused.line}}
    if system == github_actions.SYSTEM:
        summary, found = github_actions.read("", loaded.value, loaded.lines)
        return {"summary": summary, "refused": None, **{name: getattr(found, name) for name in LISTS}}
    summary, images, downloads = gitlab_ci.read("", loaded.value, loaded.lines)
    return {**empty, "summary": summary, "refused": None, "images": images, "downloads": downloads}


def _directory(root: Path) -> Path | None:
    """The versioned cache directory under ``root``, computed once per root and process."""
    if str(root) not in _cache_dirs:
        base = cache.versioned_dir("security-workflows", "yaml", __file__)
        digest = cache.files_digest(_MODULES)
        _cache_dirs[str(root)] = base / digest.hexdigest()[:16] if base is not None and digest is not None else None
    return _cache_dirs[str(root)]


def _read_entry(where: str) -> Any:
    """A cache entry's JSON, or None (missing or damaged: recomputed)."""
    try:
        with open(where, "rb") as handle:
            return json.loads(handle.read())
    except (OSError, ValueError):
        return None


def _is_answer(found: Any) -> bool:
    return isinstance(found, dict) and "summary" in found and all(isinstance(found.get(name), list) for name in LISTS)


def _answers_directory() -> Path | None:
    root = cache.cache_root()
    return _directory(root) if root is not None else None


#: Each workflow's answer by the hash of its system and bytes, in one file: a first run over a
#: repository of 200 workflows wrote 200 cache files, which took about as long as parsing them.
_answers = cache.DiskMap("security-workflows", "yaml", __file__, "answers.json", ANSWERS_KEPT, directory=_answers_directory)


def _content_key(system: str, data: bytes) -> str:
    """A workflow's key in the answers: its system and bytes, not its path."""
    return hashlib.sha256(system.encode() + b"\0" + data).hexdigest()


def cached_read(system: str, data: bytes, key: str | None = None) -> dict[str, Any]:
    """:func:`read_workflow` through the answers kept on disk (``key``: its :func:`_content_key`, when known)."""
    if cache.cache_root() is None:
        return read_workflow(system, data)
    key = key or _content_key(system, data)
    found = _answers.get(key)
    if _is_answer(found):
        return found
    result = read_workflow(system, data)
    _answers.put(key, result)
    return result


def cached_read_set(items: list[tuple[str, str, bytes]]) -> dict[str, Any]:
    """The facts of a repository's workflows, given as (path, system, bytes), through one cache entry for them all.

    Returns ``{"summaries": [...], "refused": [...], "actions": [...], ...}``: each workflow's
    summary and refusal in the order of ``items``, its path filled in, and the lists of
    :data:`LISTS` joined in that order. A repository with hundreds of workflows would otherwise
    open and parse one cache file per workflow on every run, then fill in the paths and join
    the lists; the entry for the whole set holds the joined answer, keyed by every workflow's
    path, system and content hash, in order. On a miss each workflow goes through its own entry
    (keyed by content alone: one changed or renamed workflow costs at most one parse) and the
    set's entry is written again.
    """
    paths = [path for path, _, _ in items]
    root = cache.cache_root()
    directory = _directory(root) if root is not None else None
    if directory is None or len(items) < 2:
        return _joined([cached_read(system, data) for _, system, data in items], paths)
    keys = [_content_key(system, data) for _, system, data in items]
    digest = hashlib.sha256()
    for path, key in zip(paths, keys):
        digest.update(path.encode("utf-8", "surrogatepass") + b"\0" + key.encode())
    name = "set-" + digest.hexdigest()
    where = os.path.join(str(directory), name[4:6], name + ".json")
    found = _read_entry(where)
    if _is_joined(found, len(items)):
        return found
    joined = _joined([cached_read(system, data, key) for (_, system, data), key in zip(items, keys)], paths)
    cache.write_json(Path(where), joined)
    return joined


def _joined(answers: list[dict[str, Any]], paths: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"summaries": [], "refused": [], **{name: [] for name in LISTS}}
    for answer, path in zip(answers, paths):
        one = with_path(answer, path)
        out["summaries"].append(one["summary"])
        out["refused"].append(one["refused"])
        for name in LISTS:
            out[name] += one[name]
    return out


def _is_joined(found: Any, count: int) -> bool:
    return (
        isinstance(found, dict)
        and all(isinstance(found.get(name), list) and len(found[name]) == count for name in ("summaries", "refused"))
        and all(isinstance(found.get(name), list) for name in LISTS)
    )


def with_path(result: dict[str, Any], path: str) -> dict[str, Any]:
    """The cached answer with the file's path filled in."""
    out: dict[str, Any] = {name: [{**item, "path": path} for item in result[name]] for name in LISTS}
    out["summary"] = {**result["summary"], "path": path} if result["summary"] else None
    out["refused"] = result["refused"]
    return out

"""The policy-set cache: every change to what a set is made of is a new key; a cached set judges as a fresh one."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dpgcheck.bundle import cache
from dpgcheck.bundle.loader import load_policies
from tests.conftest import ROOT

OVERLAY = ROOT / "examples" / "bundles"


@pytest.fixture
def builtin_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in bundle standing in for the installed one."""
    copy = tmp_path / "policies"
    shutil.copytree(ROOT / "policies", copy)
    monkeypatch.setattr("dpgcheck.resources.builtin_policies", lambda: copy)
    cache._package_digest.cache_clear()
    yield copy
    cache._package_digest.cache_clear()


def key() -> str | None:
    cache._package_digest.cache_clear()
    return cache.cache_key((), True)


def test_the_builtin_bundle_is_known_by_each_files_size_and_time(builtin_copy: Path) -> None:
    first = key()
    assert first is not None and key() == first  # nothing changed: the same key
    rule = builtin_copy / "rules" / "licensing" / "license-file" / "rule.rego"
    stamp = rule.stat()
    os.utime(rule, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000))  # touched: a new key
    touched = key()
    assert touched not in (None, first)
    rule.write_text(rule.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # edited: another
    assert key() not in (None, first, touched)
    (builtin_copy / "rules" / "licensing" / "license-file" / "notes.txt").write_text("new file", encoding="utf-8")
    assert key() not in (None, first, touched)


def test_the_builtin_bundle_with_a_link_is_not_cached(builtin_copy: Path) -> None:
    (builtin_copy / "lib" / "link.rego").symlink_to(builtin_copy / "lib" / "config.rego")
    assert key() is None  # loaded afresh, so the loader refuses the link and says why


def test_a_given_bundle_is_known_by_its_bytes(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    shutil.copytree(next(p for p in OVERLAY.iterdir() if p.is_dir()), overlay)
    data = next(overlay.rglob("data.*"))
    before = cache.cache_key((overlay,), True)
    stamp = data.stat()
    text = data.read_bytes()
    letter = next(i for i, byte in enumerate(text) if chr(byte).isalpha())
    changed = text[:letter] + chr(text[letter]).swapcase().encode() + text[letter + 1:]
    data.write_bytes(changed)
    os.utime(data, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same size, same time, other bytes
    assert cache.cache_key((overlay,), True) not in (None, before)


def test_a_cached_set_is_the_fresh_set_without_its_tests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DPGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DPGCHECK_NO_CACHE", raising=False)
    fresh = load_policies()
    filled, read = cache.cached_policies(), cache.cached_policies()
    assert fresh.test_modules and filled.test_modules == read.test_modules == {}
    assert read.data_text is not None
    assert (read.modules, read.data, read.manifests, read.sources, read.packages, read.bundles) == (
        fresh.modules, fresh.data, fresh.manifests, fresh.sources, fresh.packages, fresh.bundles)
    assert read.revision == filled.revision == fresh.revision
    stored = sorted(path.name.split(".", 1)[1] for path in (tmp_path / "cache" / "policies").iterdir())
    assert stored == ["data.json", "set.json"]

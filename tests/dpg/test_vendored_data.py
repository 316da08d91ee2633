"""The vendored registry snapshot is the one its README describes, byte for byte."""
from __future__ import annotations

import hashlib

from tests.conftest import DPGA_DATA


def test_every_vendored_file_matches_the_manifest() -> None:
    listed = {}
    for line in (DPGA_DATA / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name.removeprefix("./")] = digest
    present = {
        path.relative_to(DPGA_DATA).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in DPGA_DATA.rglob("*")
        if path.is_file() and path.name != "MANIFEST.sha256"
    }
    assert present == listed


def test_the_snapshot_has_every_record_the_corpus_tests_count() -> None:
    candidates = DPGA_DATA / "publicgoods-candidates"
    counts = {folder: len(list((candidates / folder).glob("*.json"))) for folder in ("nominees", "digitalpublicgoods", "archive")}
    assert counts == {"nominees": 228, "digitalpublicgoods": 166, "archive": 486}
    assert (candidates / "LICENSE").read_text(encoding="utf-8").startswith("This is free and unencumbered software")

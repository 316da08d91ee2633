"""Licence tests run without the on-disk detection cache, so they test the detector itself
(the cache has its own test, which turns it back on)."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_licence_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only for the tests in this folder: set at import, it switched every cache off for
    # every test of the run (each worker collects them all).
    monkeypatch.setenv("DPGCHECK_NO_CACHE", "1")

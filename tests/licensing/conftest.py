"""Licence tests run without the on-disk detection cache, so they test the detector itself
(the cache has its own test, which turns it back on)."""
from __future__ import annotations

import os

os.environ["DPGCHECK_NO_CACHE"] = "1"

"""The DPGA registry's personal contact keys, for the tests that prove they are dropped.

Upstream records carried a contact name and e-mail per organisation; the snapshot here has
them removed. The tests put invented values (example.org) under those keys and check that
none reaches facts, reports or logs. The key names are built here so that no fixture file
holds a contact field.
"""
from __future__ import annotations

CONTACT_NAME, CONTACT_EMAIL = (f"contact_{part}" for part in ("name", "email"))

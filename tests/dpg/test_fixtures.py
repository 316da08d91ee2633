"""The Rego fixtures of the DPG rules are the collector's output for real registry records."""
from __future__ import annotations

import re

from tests.dpg.rego_fixtures import TARGET, render


def test_rego_fixtures_are_up_to_date():
    assert TARGET.read_text(encoding="utf-8") == render(), "run `python -m tests.dpg.rego_fixtures`"


def test_rego_fixtures_hold_no_personal_contact_fields():
    text = TARGET.read_text(encoding="utf-8")
    assert "contact" not in text.lower()
    assert re.findall(r"[\w.+-]+@[\w-]+\.[\w.-]+", text) == []  # no e-mail address

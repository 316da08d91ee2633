"""SPDX expression analysis: normalisation, unknown ids, LicenseRefs and deprecated ids."""
from __future__ import annotations

from dpgcheck.licensing.expression import analyse


def test_normalises_aliases_and_reports_deprecated_forms() -> None:
    result = analyse("mit or (apache-2.0 and GPL-2.0+ with classpath-exception-2.0)")
    assert result["normalized"] == "MIT OR (Apache-2.0 AND GPL-2.0-or-later WITH Classpath-exception-2.0)"
    assert result["dnf"] == [["Apache-2.0", "GPL-2.0-or-later"], ["MIT"]]
    assert result["exceptions"] == ["Classpath-exception-2.0"]
    assert result["deprecated"] == [{"id": "GPL-2.0+", "replacement": "GPL-2.0-or-later"}]
    assert result["valid"] is True


def test_deprecated_ids_license_expression_keeps_are_still_reported() -> None:
    assert analyse("wxWindows")["deprecated"] == [{"id": "wxWindows", "replacement": "LGPL-2.0-or-later WITH WxWindows-exception-3.1"}]
    assert analyse("GPL-2.0-with-classpath-exception")["deprecated"] == [
        {"id": "GPL-2.0-with-classpath-exception", "replacement": "GPL-2.0-only WITH Classpath-exception-2.0"}
    ]


def test_unknown_ids_and_license_refs_are_precise() -> None:
    result = analyse("LicenseRef-acme AND Foo-1.0 OR MIT WITH Bar-exception")
    assert (result["valid"], result["unknown"], result["license_refs"]) == (False, ["Bar-exception", "Foo-1.0"], ["LicenseRef-acme"])


def test_broken_expressions_never_raise() -> None:
    assert analyse("MIT OR (")["error"].startswith("not a valid SPDX expression")
    assert analyse("")["error"] == "empty licence expression"
    assert analyse("MIT AND " * 600)["error"] == "licence expression longer than 2000 characters"
    many = " AND ".join(f"(MIT OR Apache-2.0 OR ISC)" for _ in range(8))
    assert analyse(many)["error"] == "expression has too many alternatives"

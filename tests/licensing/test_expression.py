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
    many = " AND ".join("(MIT OR Apache-2.0 OR ISC)" for _ in range(8))
    assert analyse(many)["error"] == "expression has too many alternatives"


def test_analyses_are_cached_on_disk_between_runs(tmp_path) -> None:
    import json
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DPGCHECK_NO_CACHE"}
    env["DPGCHECK_CACHE_DIR"] = str(tmp_path)
    code = "import json; from dpgcheck.licensing.expression import analyse; print(json.dumps(analyse('GPL-2.0+ OR MIT')))"

    def run() -> dict:
        return json.loads(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout)

    first = run()
    assert first["normalized"] == "GPL-2.0-or-later OR MIT"
    [cache] = list(tmp_path.rglob("analyses.json"))
    assert json.loads(cache.read_text()) == {"GPL-2.0+ OR MIT": first}
    cache.write_text(json.dumps({"GPL-2.0+ OR MIT": {**first, "normalized": "FROM-CACHE"}}))
    assert run()["normalized"] == "FROM-CACHE"
    cache.write_text("{damaged")
    assert run() == first

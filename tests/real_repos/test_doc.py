"""docs/real-repositories.md is generated from the review and must stay up to date."""
from __future__ import annotations

import importlib.util

from tests.conftest import ROOT

SCRIPT = ROOT / "tests" / "data" / "real-repos" / "render_doc.py"


def test_page_is_generated_from_the_review() -> None:
    spec = importlib.util.spec_from_file_location("render_doc", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = (ROOT / "docs" / "real-repositories.md").read_text(encoding="utf-8")
    assert page == module.render(), "docs/real-repositories.md is stale: python tests/data/real-repos/render_doc.py > docs/real-repositories.md"
    assert "| after the fixes | 580 |" in page

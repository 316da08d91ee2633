"""The versions and words defined in dpgcheck/vocabulary.py agree with every copy outside Python."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import dpgcheck
from dpgcheck import vocabulary

ROOT = Path(__file__).resolve().parents[2]
POLICIES = ROOT / "policies"


def test_tool_version_everywhere() -> None:
    assert dpgcheck.__version__ == vocabulary.TOOL_VERSION
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == vocabulary.TOOL_VERSION
    manifest = json.loads((POLICIES / ".manifest").read_text(encoding="utf-8"))
    assert manifest["revision"] == vocabulary.TOOL_VERSION


def test_dpg_standard_version_everywhere() -> None:
    manifest = json.loads((POLICIES / ".manifest").read_text(encoding="utf-8"))
    assert manifest["metadata"]["dpg_standard_version"] == vocabulary.DPG_STANDARD_VERSION
    found = {}
    for path in sorted(POLICIES.rglob("data.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "standard_version" in data:
            found[str(path.relative_to(POLICIES))] = data["standard_version"]
    assert "dpgcheck/profiles/dpg-standard/data.json" in found
    assert found == {name: vocabulary.DPG_STANDARD_VERSION for name in found}


def test_facts_versions_match_the_decision() -> None:
    rego = (POLICIES / "decision" / "decision.rego").read_text(encoding="utf-8")
    match = re.search(r"^_?supported_facts_versions := \{([^}]*)\}", rego, re.MULTILINE)
    assert match is not None
    assert sorted(json.loads(f"[{match.group(1)}]")) == sorted(vocabulary.SUPPORTED_FACTS_VERSIONS)
    assert vocabulary.FACTS_VERSION in vocabulary.SUPPORTED_FACTS_VERSIONS


def test_python_copies_are_the_vocabulary() -> None:
    from dpgcheck.bundle.metadata import SEVERITIES
    from dpgcheck.cli_options import ENGINE_CHOICE, FAIL_ON_CHOICE, FORMAT_CHOICE
    from dpgcheck.engine.factory import ENGINES
    from dpgcheck.report import FORMATS
    from dpgcheck.report.common import SEVERITY_ORDER

    assert SEVERITIES is vocabulary.SEVERITIES and SEVERITY_ORDER is vocabulary.SEVERITIES
    assert FORMATS is vocabulary.FORMATS and ENGINES is vocabulary.ENGINES
    assert tuple(ENGINE_CHOICE.choices) == vocabulary.ENGINES
    assert tuple(FORMAT_CHOICE.choices) == vocabulary.FORMATS
    assert tuple(FAIL_ON_CHOICE.choices) == (*vocabulary.SEVERITIES, "never")
    assert vocabulary.SEVERITY_RANK == {"error": 0, "warning": 1, "info": 2}


def test_severities_in_rule_metadata_are_the_vocabulary() -> None:
    used = set()
    for path in POLICIES.rglob("rule.rego"):
        used.update(re.findall(r"^#\s+severity:\s*(\S+)", path.read_text(encoding="utf-8"), re.MULTILINE))
    assert used and used <= set(vocabulary.SEVERITIES)


def test_no_literal_severity_tuple_left_in_python() -> None:
    # the severities are spelled as one tuple in dpgcheck/vocabulary.py only
    pattern = re.compile(r"""\(\s*["']error["']\s*,\s*["']warning["']\s*,\s*["']info["']""")
    offenders = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "dpgcheck").rglob("*.py"))
                 if p.name != "vocabulary.py" and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []

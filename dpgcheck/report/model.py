"""The report: a decision with what it was about and what made it, ready to render."""
from __future__ import annotations

import hashlib
import json
from typing import Any, Callable

from dpgcheck import DPG_STANDARD_VERSION, REPORT_VERSION, __version__
from dpgcheck.shapes import Artifacts, Decision, Evaluation, Finding, Report, ReportFinding, location_of

#: Where the generated page of each built-in rule is published (docs/rules/<id>.md).
RULE_DOCS_BASE = "https://github.com/dpgcheck/dpgcheck/blob/main/docs/rules/"

def subject_of(facts: dict[str, Any]) -> dict[str, Any]:
    subject = dict(facts.get("subject") or {})
    repository = facts.get("repository")
    if isinstance(repository, dict):
        git = repository.get("git") or {}
        subject.update(
            {
                "name": repository.get("name"),
                "path": repository.get("path"),
                "commit": git.get("commit"),
                "branch": git.get("branch"),
                "remote": git.get("remote"),
            }
        )
    git_dir = (facts.get("history") or {}).get("git_dir") if isinstance(facts.get("history"), dict) else None
    if isinstance(git_dir, dict) and git_dir.get("outside"):
        # A .git file or link led outside the checked directory: say whose history was judged.
        subject["history_from"] = git_dir.get("path")
    return subject


def build_report(
    decision: Decision,
    facts: dict[str, Any],
    *,
    policy_revision: str,
    bundles: list[str],
    engine: str,
    evaluation: Evaluation | None = None,
    artifacts: Artifacts | None = None,
) -> Report:
    """The report of one run.

    ``evaluation`` holds the clock the policies used and when the run started and
    ended; ``artifacts`` which finding locations exist and the file that
    repository-level findings are anchored at (see :mod:`dpgcheck.report.artifacts`).
    """
    findings: list[ReportFinding] = [{"id": fid, **finding} for fid, finding in zip(finding_ids(decision["findings"]), decision["findings"])]
    rules = {rule_id: {**rule, "docs_uri": rule_docs_uri(rule)} for rule_id, rule in decision["rules"].items()}
    return {
        "report_version": REPORT_VERSION,
        "tool": {"name": "dpgcheck", "version": __version__},
        "dpg_standard_version": DPG_STANDARD_VERSION,
        "policy": {"revision": policy_revision, "bundles": bundles, "loaded": decision.get("bundles", [])},
        "engine": engine,
        "facts_version": facts.get("facts_version"),
        "subject": subject_of(facts),
        "profile": decision["profile"],
        "fail_on": decision["fail_on"],
        "verdict": decision["verdict"],
        "errors": decision.get("errors", []),
        "warnings": decision.get("warnings", []),
        "summary": decision["summary"],
        "indicators": decision.get("indicators", {}),
        "findings": findings,
        "rules": rules,
        "evaluation": evaluation or {"clock": None, "started_at": None, "finished_at": None, "duration_seconds": None},
        "artifacts": artifacts or {"anchor": None, "missing": []},
        # The Scorecard-shaped view computed in Rego (policies/scorecard); null for a record.
        "scorecard": decision.get("scorecard"),
        # Titles of indicators and areas come from the bundle's data (data.dpgcheck.titles).
        "titles": decision.get("titles") or {"indicators": {}, "areas": {}},
    }


def rule_docs_uri(rule: dict[str, Any]) -> str | None:
    """The generated page of a built-in rule; a bundle's own rules point at their first reference."""
    if str(rule.get("source", "")).startswith("dpgcheck/"):
        return f"{RULE_DOCS_BASE}{rule['id']}.md"
    return rule.get("help_uri")


def finding_ids(findings: list[Finding]) -> list[str]:
    """A stable id per finding: its rule, its file and its kind, not its wording or line.

    Messages carry counts and lines move, so neither is part of the id: a finding keeps
    its id (and its GitHub alert) while a count changes. Several findings of one rule
    at one file are told apart by their evidence code, then by their order.
    """
    seen: dict[str, int] = {}
    ids = []
    for finding in findings:
        location = location_of(finding)
        evidence = finding.get("evidence") or {}
        code = evidence.get("code") if isinstance(evidence, dict) else None
        key = json.dumps([finding["rule_id"], location.get("path") or "", code or ""], ensure_ascii=False)
        ordinal = seen.get(key, 0)
        seen[key] = ordinal + 1
        digest = hashlib.sha256(f"{key}#{ordinal}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
        ids.append(f"{finding['rule_id']}/{digest}")
    return ids


def _value(value: Any) -> str:
    text = value if isinstance(value, str) else ("unset" if value is None else json.dumps(value, sort_keys=True))
    return text if len(text) <= 40 else text[:37] + "..."


def waiver_note(finding: Finding, escape: Callable[[str], str] = str) -> str:
    """What every format appends to a waived finding's message: the waiver's reason, owner and expiry.

    ``escape`` is applied to the waiver's own fields (they come from the checked
    repository's config), never to the note's frame: Markdown escapes the reason and
    owner, yet the note reads ``[WAIVED: ...]`` there as in every other format.
    """
    waiver = finding.get("waiver")
    if not waiver:
        return ""
    state = {"active": "WAIVED", "expiring": "WAIVED (expiring soon)", "expired": "waiver EXPIRED", "not_waivable": "waiver REFUSED (rule not waivable)"}
    reason, owner, expires = (escape(str(waiver[key])) for key in ("reason", "owner", "expires"))
    return f" [{state.get(str(waiver.get('status')), 'waiver')}: {reason}; owner {owner}; expires {expires}]"


def overlay_lines(report: Report) -> list[str]:
    """One line per overlay bundle (name, publisher, revision, signature), then what it overrides.

    Every format's header shows these: an overlay can turn a failing repository into a pass,
    and the reader must see that it did. The effect of each change is the decision's.
    """
    lines = []
    for bundle in report.get("policy", {}).get("loaded", []):
        if bundle.get("base"):
            continue
        parts = [f"bundle {bundle['name']}", f"revision {bundle['revision']}"]
        if bundle.get("publisher"):
            parts.insert(1, f"publisher {bundle['publisher']}")
        parts.append(f"signature {bundle['signature']}")
        overrides = bundle.get("overrides", [])
        weakening = [c for c in overrides if c.get("effect") == "weakens"]
        parts.append(f"{len(overrides)} override{'' if len(overrides) == 1 else 's'} of the base" + (f", {len(weakening)} WEAKENING it" if weakening else ""))
        lines.append(" · ".join(parts))
        for change in sorted(overrides, key=lambda c: (c.get("effect") != "weakens", c["path"])):
            mark = {"weakens": "WEAKENS", "strengthens": "strengthens", "replaces": "replaces"}.get(change.get("effect"), "changes")
            lines.append(f"  {mark}: {'.'.join(change['path'])}: {_value(change['base'])} -> {_value(change['value'])}")
    return lines


def indicator_sort_key(indicator: str) -> tuple[int, str]:
    digits = "".join(ch for ch in indicator if ch.isdigit())
    return (int(digits) if digits else 99, indicator)

"""Batch reports: pure functions from result lines (NDJSON) to CSV, Markdown and HTML.

Nothing here judges a target: every status shown is the engine's, as written in
the lines; this module only counts, sorts and lays them out.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any

from dpgcheck.batch.results import parse_lines
from dpgcheck.errors import DpgcheckError
from dpgcheck.report.model import indicator_sort_key

#: The engine's rule and indicator statuses, in the order reports show them.
STATUS_ORDER = ("pass", "warn", "insufficient_evidence", "fail", "not_applicable")
NOT_COUNTED = ("not_applicable",)
GAP_LIMIT = 10


def load(path: Path) -> list[dict[str, Any]]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DpgcheckError("no such results file; make one with `dpgcheck batch LIST -o RESULTS.ndjson`", path=str(path)) from None
    except OSError as exc:
        raise DpgcheckError(f"cannot read the results file: {exc.strerror or exc}", path=str(path)) from None
    lines, _torn = parse_lines(data, str(path))  # a torn last line is not a result yet
    return latest([{**line, "target": printable(line["target"])} for line in lines])


def printable(text: str) -> str:
    """A target name as valid text: raw file-name bytes (not UTF-8) shown as \\xNN."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")


def latest(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per target (the last one written), sorted by target."""
    by_target: dict[str, dict[str, Any]] = {}
    for line in lines:
        by_target[line["target"]] = line
    return [by_target[t] for t in sorted(by_target)]


def verdict_of(line: dict[str, Any]) -> str:
    """The engine's verdict, or the batch status (error, timeout) when there is no decision."""
    decision = line.get("decision") or {}
    if line.get("status") != "ok" or not decision.get("verdict"):
        return str(line.get("status") or "error")
    return str(decision["verdict"])


def rule_statuses(line: dict[str, Any]) -> dict[str, str]:
    rules = (line.get("decision") or {}).get("rules") or {}
    return {rule_id: str(rule.get("status")) for rule_id, rule in rules.items() if isinstance(rule, dict)}


def indicator_statuses(line: dict[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in ((line.get("decision") or {}).get("indicators") or {}).items()}


def indicator_titles(lines: list[dict[str, Any]]) -> dict[str, str]:
    """The indicator titles the decisions carry (from the bundle's data.dpgcheck.titles)."""
    titles: dict[str, str] = {}
    for line in lines:
        found = (((line.get("decision") or {}).get("titles") or {}).get("indicators")) or {}
        if isinstance(found, dict):
            for key, title in found.items():
                titles.setdefault(str(key), str(title))
    return titles


def rule_titles(lines: list[dict[str, Any]]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for line in lines:
        for rule_id, rule in ((line.get("decision") or {}).get("rules") or {}).items():
            if isinstance(rule, dict) and rule.get("title"):
                titles.setdefault(rule_id, str(rule["title"]))
    return titles


def all_rules(lines: list[dict[str, Any]]) -> list[str]:
    return sorted({rule for line in lines for rule in rule_statuses(line)})


def all_indicators(lines: list[dict[str, Any]]) -> list[str]:
    return sorted({i for line in lines for i in indicator_statuses(line)}, key=indicator_sort_key)


def tally(lines: list[dict[str, Any]], statuses_of) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    for line in lines:
        for key, status in statuses_of(line).items():
            counts.setdefault(key, Counter())[status] += 1
    return counts


def pass_rate(counter: Counter) -> float | None:
    """Share of 'pass' among the targets where the engine did not answer not_applicable."""
    counted = sum(n for status, n in counter.items() if status not in NOT_COUNTED)
    return counter.get("pass", 0) / counted if counted else None


def worst_gaps(lines: list[dict[str, Any]], limit: int = GAP_LIMIT) -> list[tuple[str, Counter]]:
    """Rules with the most targets not at 'pass' (fail first, then insufficient evidence, then warn)."""
    counts = tally(lines, rule_statuses)

    def key(item: tuple[str, Counter]) -> tuple:
        rule, c = item
        return (-(c["fail"] + c["insufficient_evidence"] + c["warn"]), -c["fail"], -c["insufficient_evidence"], rule)

    gaps = [(rule, c) for rule, c in counts.items() if c["fail"] + c["insufficient_evidence"] + c["warn"] > 0]
    return sorted(gaps, key=key)[:limit]


def meta(lines: list[dict[str, Any]]) -> dict[str, list[str]]:
    def values(name: str) -> list[str]:
        return sorted({str(line.get(name)) for line in lines if line.get(name) is not None})

    return {"clock": values("clock"), "profile": values("profile"), "bundle_revision": values("bundle_revision"), "tool": values("tool")}


# -- baseline ----------------------------------------------------------------------------------


def changes(previous: list[dict[str, Any]], current: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What differs per target between two runs: new, removed, or a changed verdict/rule/indicator status."""
    before = {line["target"]: line for line in previous}
    after = {line["target"]: line for line in current}
    found = []
    for target in sorted(set(before) | set(after)):
        old, new = before.get(target), after.get(target)
        if old is None or new is None:
            found.append({"target": target, "change": "new" if old is None else "removed",
                          "before": verdict_of(old) if old else None, "after": verdict_of(new) if new else None, "details": [], "line": new or old})
            continue
        details = []
        if verdict_of(old) != verdict_of(new):
            details.append(f"verdict: {verdict_of(old)} -> {verdict_of(new)}")
        for label, statuses in (("indicator", indicator_statuses), ("rule", rule_statuses)):
            a, b = statuses(old), statuses(new)
            for key in sorted(set(a) | set(b), key=indicator_sort_key if label == "indicator" else str):
                if a.get(key) != b.get(key):
                    details.append(f"{label} {key}: {a.get(key, '-')} -> {b.get(key, '-')}")
        if details:
            found.append({"target": target, "change": "changed", "before": verdict_of(old), "after": verdict_of(new), "details": details, "line": new})
    return found


# -- CSV ---------------------------------------------------------------------------------------

BASE_COLUMNS = ("target", "kind", "status", "verdict", "commit", "profile", "clock", "bundle_revision", "facts_hash", "findings", "error")


def to_csv(lines: list[dict[str, Any]], diff: list[dict[str, Any]] | None = None) -> str:
    rules, indicators = all_rules(lines), all_indicators(lines)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    extra = ("change", "verdict_before", "changes") if diff is not None else ()
    writer.writerow([*extra, *BASE_COLUMNS, *(f"rule:{r}" for r in rules), *(f"indicator:{i}" for i in indicators)])
    rows = [(c, c["line"]) for c in diff] if diff is not None else [(None, line) for line in lines]
    for change, line in rows:
        decision = line.get("decision") or {}
        statuses, marks = rule_statuses(line), indicator_statuses(line)
        base = [
            line.get("target"), line.get("kind"), line.get("status"), verdict_of(line), line.get("commit") or "",
            line.get("profile") or "", line.get("clock") or "", line.get("bundle_revision") or "", line.get("facts_hash") or "",
            len(decision.get("findings") or []), line.get("error") or "",
        ]
        prefix = [change["change"], change["before"] or "", "; ".join(change["details"])] if change else []
        writer.writerow([*prefix, *base, *(statuses.get(r, "") for r in rules), *(marks.get(i, "") for i in indicators)])
    return buffer.getvalue()


# -- Markdown ----------------------------------------------------------------------------------


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.0f}%"


def to_markdown(lines: list[dict[str, Any]], diff: list[dict[str, Any]] | None = None, title: str = "dpgcheck batch audit") -> str:
    info = meta(lines)
    out = [f"# {_md(title)}", ""]
    out.append(f"{len(lines)} targets; clock {', '.join(info['clock']) or '-'}; profile {', '.join(info['profile']) or '-'}; "
               f"bundle {', '.join(info['bundle_revision']) or '-'}.")
    out.append("")
    if diff is not None:
        kinds = Counter(c["change"] for c in diff)
        out += ["## Changes since the baseline", "",
                f"{len(diff)} targets changed: {kinds['new']} new, {kinds['removed']} removed, {kinds['changed']} changed.", ""]
        if diff:
            out += ["| Target | Change | Verdict before | Verdict now | What changed |", "|---|---|---|---|---|"]
            for c in diff:
                out.append(f"| {_md(c['target'])} | {c['change']} | {c['before'] or '-'} | {c['after'] or '-'} | {_md('; '.join(c['details'])) or '-'} |")
            out.append("")
        return "\n".join(out)
    verdicts = Counter(verdict_of(line) for line in lines)
    out += ["## Verdicts", "", "| Verdict | Targets |", "|---|---:|"]
    out += [f"| {v} | {n} |" for v, n in sorted(verdicts.items(), key=lambda item: (-item[1], item[0]))]
    out.append("")
    indicators = tally(lines, indicator_statuses)
    if indicators:
        out += ["## DPG indicators", "", "| Indicator | Pass rate | " + " | ".join(STATUS_ORDER) + " |", "|---|---:|" + "---:|" * len(STATUS_ORDER)]
        named = indicator_titles(lines)
        for key in sorted(indicators, key=indicator_sort_key):
            c = indicators[key]
            name = f"{key} {named.get(key, '')}".strip()
            out.append(f"| {_md(name)} | {_percent(pass_rate(c))} | " + " | ".join(str(c.get(s, 0)) for s in STATUS_ORDER) + " |")
        out.append("")
    gaps = worst_gaps(lines)
    titles = rule_titles(lines)
    if gaps:
        out += ["## Worst gaps", "", "| Rule | Title | fail | insufficient evidence | warn | Pass rate |", "|---|---|---:|---:|---:|---:|"]
        for rule, c in gaps:
            out.append(f"| {_md(rule)} | {_md(titles.get(rule, ''))} | {c['fail']} | {c['insufficient_evidence']} | {c['warn']} | {_percent(pass_rate(c))} |")
        out.append("")
    errors = [line for line in lines if line.get("status") != "ok"]
    if errors:
        out += ["## Targets without a decision", "", "| Target | Status | Error |", "|---|---|---|"]
        out += [f"| {_md(line['target'])} | {line.get('status')} | {_md(line.get('error') or '')} |" for line in errors]
        out.append("")
    out += ["## Targets", "", "| Target | Verdict | Blocking | Findings | Commit |", "|---|---|---:|---:|---|"]
    for line in lines:
        decision = line.get("decision") or {}
        summary = decision.get("summary") or {}
        out.append(f"| {_md(line['target'])} | {verdict_of(line)} | {summary.get('blocking', '-')} | "
                   f"{len(decision.get('findings') or [])} | {(line.get('commit') or '-')[:12]} |")
    out.append("")
    return "\n".join(out)

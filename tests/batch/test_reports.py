"""Batch reports (CSV, Markdown, HTML) from real result lines, and --baseline."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from dpgcheck.batch.render import render
from dpgcheck.batch.report import changes, latest, to_csv
from tests.batch.helpers import NOW, REGISTRY, batch, read_lines
from tests.batch.repos import generate
from tests.conftest import git, run_dpgcheck


@pytest.fixture(scope="module")
def audit(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("reports")
    repos = generate(root / "checkouts", 12)
    records = root / "records"
    (records / "nominees").mkdir(parents=True)
    (records / "digitalpublicgoods").mkdir()
    for name in ("kolibri", "zamba", "h5p"):
        shutil.copy(REGISTRY / "nominees" / f"{name}.json", records / "nominees")
        if (REGISTRY / "digitalpublicgoods" / f"{name}.json").exists():
            shutil.copy(REGISTRY / "digitalpublicgoods" / f"{name}.json", records / "digitalpublicgoods")
    listing = root / "list.txt"
    listing.write_text("".join(f"{r}\n" for r in repos) + f"{root}/missing\n")
    out = root / "results.ndjson"
    assert batch(listing, "-o", out, "-j", "2", "--now", NOW).returncode == 0
    records_out = root / "records.ndjson"
    assert batch("--records", records, "-o", records_out, "-j", "1", "--now", NOW).returncode == 0
    return {"root": root, "repos": repos, "listing": listing, "results": out, "records": records_out}


def test_csv_has_one_row_per_target_and_one_column_per_rule_and_indicator(audit):
    lines = read_lines(audit["results"])
    result = run_dpgcheck("batch", "report", audit["results"], "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 13 and [r["target"] for r in rows] == sorted(line["target"] for line in lines)
    rules = sorted({rule for line in lines if line["decision"] for rule in line["decision"]["rules"]})
    indicators = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "9a", "9b", "9c"]
    header = list(rows[0])
    assert header[:11] == ["target", "kind", "status", "verdict", "commit", "profile", "clock", "bundle_revision", "facts_hash", "findings", "error"]
    assert header[11:] == [f"rule:{r}" for r in rules] + [f"indicator:{i}" for i in indicators]
    for row in rows:
        line = next(x for x in lines if x["target"] == row["target"])
        if line["status"] != "ok":
            assert (row["verdict"], row["error"]) == ("error", line["error"]) and row[f"rule:{rules[0]}"] == ""
            continue
        assert row["verdict"] == line["decision"]["verdict"] and row["commit"] == line["commit"]
        assert all(row[f"rule:{r}"] == line["decision"]["rules"][r]["status"] for r in rules)
        assert all(row[f"indicator:{i}"] == line["decision"]["indicators"][i] for i in indicators)
        assert int(row["findings"]) == len(line["decision"]["findings"])


def test_markdown_counts_what_the_lines_say(audit):
    text = render(latest(read_lines(audit["records"])), "markdown")
    # h5p has no screening record, zamba (an AI model) names no open data licence, and
    # kolibri's screening answer fails 9b (as tests/dpg/test_corpus.py found).
    assert "| fail | 3 |" in text.splitlines()
    assert "| 2 Use of approved open licenses | 67% | 2 | 0 | 1 | 0 | 0 |" in text.splitlines()
    assert "| 9b Inappropriate and illegal content | 0% | 0 | 0 | 1 | 1 | 1 |" in text.splitlines()
    assert "## Worst gaps" in text and "profile dpg-standard" in text
    assert "| record:kolibri | fail |" in text


def test_a_torn_last_line_is_not_reported(audit, tmp_path):
    copy = tmp_path / "torn.ndjson"
    data = audit["results"].read_bytes()
    copy.write_bytes(data + b'{"target":"half')
    assert render(latest(read_lines(audit["results"])), "csv") == run_dpgcheck("batch", "report", copy, "--format", "csv").stdout


def test_baseline_reports_only_what_changed(audit, tmp_path):
    repos = audit["repos"]
    changed = repos[3]  # number 3 has no LICENSE: add one, committed
    git(changed, "update-ref", "HEAD", git(changed, "rev-parse", "HEAD").strip())
    (changed / "LICENSE").write_text((Path(__file__).resolve().parents[2] / "LICENSE").read_text())
    git(changed, "add", "LICENSE")
    git(changed, "commit", "-q", "-m", "add a licence")
    extra = generate(tmp_path / "more", 1, prefix="extra")[0]
    listing = tmp_path / "list.txt"
    listing.write_text(audit["listing"].read_text() + f"{extra}\n")
    now = tmp_path / "now.ndjson"
    assert batch(listing, "-o", now, "-j", "2", "--now", NOW).returncode == 0
    diff = changes(read_lines(audit["results"]), read_lines(now))
    assert [(c["target"], c["change"]) for c in diff] == sorted([(str(changed), "changed"), (str(extra), "new")])
    details = next(c for c in diff if c["change"] == "changed")["details"]
    assert any(d.startswith("indicator 2: ") for d in details) or any(d.startswith("rule ") for d in details)
    result = run_dpgcheck("batch", "report", now, "--baseline", audit["results"], "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["change"], r["target"]) for r in rows] == [(c["change"], c["target"]) for c in diff]
    markdown = run_dpgcheck("batch", "report", now, "--baseline", audit["results"], "--format", "markdown").stdout
    assert "2 targets changed: 1 new, 0 removed, 1 changed." in markdown
    html = run_dpgcheck("batch", "report", now, "--baseline", audit["results"], "--format", "html").stdout
    assert html.count("<tr data-target=") == 2
    same = run_dpgcheck("batch", "report", now, "--baseline", now, "--format", "markdown").stdout
    assert "0 targets changed" in same


def test_html_is_self_contained(audit):
    html = render(latest(read_lines(audit["results"]) + read_lines(audit["records"])), "html")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert html.count("<tr data-target=") == 16
    assert all(chart in html for chart in ('id="chart-verdicts"', 'id="chart-indicators"', 'id="chart-rules"', 'id="gaps"'))


def test_hostile_text_is_escaped():
    line = {"target": "<script>alert(1)</script>", "status": "error", "error": "<img src=x onerror=alert(1)>", "kind": "path"}
    html = render([line], "html")
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html and "&lt;script&gt;" in html
    assert to_csv([line]).splitlines()[1].startswith("<script>alert(1)</script>,path,error,error")
    assert "\\|" in render([{**line, "target": "a|b"}], "markdown")


def test_a_report_of_a_missing_or_foreign_file_is_a_usage_error(tmp_path):
    result = run_dpgcheck("batch", "report", tmp_path / "none.ndjson")
    assert result.returncode == 2 and "no such results file" in result.stderr
    (tmp_path / "x.ndjson").write_text(json.dumps([1, 2]) + "\n")
    result = run_dpgcheck("batch", "report", tmp_path / "x.ndjson")
    assert result.returncode == 2 and "not a dpgcheck result line" in result.stderr

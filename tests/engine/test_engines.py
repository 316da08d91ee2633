"""The engines agree: regorus, OPA's Go engine in-process, and an OPA server over REST."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from dpgcheck.bundle.loader import load_policies
from dpgcheck.collect.facts import collect_repository
from dpgcheck.engine.factory import open_engine
from dpgcheck.engine.opa_options import OpaServerOptions
from dpgcheck.engine.opa_server import ref_to_path
from dpgcheck.evaluate import RunOptions, decide
from dpgcheck.errors import DpgcheckError
from tests.conftest import ROOT, go_engine_available, run_dpgcheck
from tests.engine.opa_standin import StandInOpaServer

NOW = "2026-06-01T00:00:00Z"
RUN_TIMES = re.compile(r'"(started_at|finished_at|duration_seconds)": (?:"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"|\d+(?:\.\d+)?)(?=,?\n)')
needs_go = pytest.mark.skipif(not go_engine_available(), reason="opa-golib-python-bindings not installed")


@pytest.fixture(scope="module")
def opa_server():
    """The real `opa run --server` when it is on PATH, else the loopback stand-in."""
    if shutil.which("opa"):
        yield None  # dpgcheck starts and stops it itself
        return
    if not go_engine_available():
        pytest.skip("neither `opa` nor opa-golib-python-bindings is available")
    with StandInOpaServer() as server:
        yield server


def _facts_samples(make_repo):
    return [
        collect_repository(ROOT / "examples" / "compliant"),
        collect_repository(ROOT / "examples" / "non-compliant"),
        collect_repository(make_repo({"README.md": "x", "docs/LICENSE": "MIT"})),
    ]


@needs_go
@pytest.mark.parametrize("options", [RunOptions(now=NOW), RunOptions(now=NOW, fail_on="warning", disabled=("readme",))])
def test_regorus_and_go_engine_decide_identically(make_repo, options):
    policies = load_policies()
    regorus, go = open_engine("regorus", policies), open_engine("opa-go", policies)
    for facts in _facts_samples(make_repo):
        assert decide(regorus, facts, options) == decide(go, facts, options)


@needs_go
def test_opa_server_path_decides_like_regorus(make_repo, opa_server):
    policies = load_policies()
    regorus = open_engine("regorus", policies)
    server = open_engine("opa", policies, opa=OpaServerOptions(url=opa_server.url if opa_server else None))
    try:
        for facts in _facts_samples(make_repo):
            assert decide(server, facts, RunOptions(now=NOW)) == decide(regorus, facts, RunOptions(now=NOW))
    finally:
        server.close()


@needs_go
def test_cli_over_http_gives_the_regorus_report(opa_server):
    if opa_server is None:
        pytest.skip("covered by test_opa_server_path_decides_like_regorus with the real server")
    example = ROOT / "examples" / "non-compliant"
    over_http = run_dpgcheck("check", example, "--engine", "opa", "--opa-url", opa_server.url, "--format", "json", "--now", NOW)
    embedded = run_dpgcheck("check", example, "--format", "json", "--now", NOW)
    assert over_http.returncode == embedded.returncode == 1
    a, b = json.loads(over_http.stdout), json.loads(embedded.stdout)
    assert a["engine"] == "opa" and b["engine"] == "regorus"
    for key in ("findings", "rules", "indicators", "summary", "verdict"):
        assert a[key] == b[key]
    methods = {method for method, _ in opa_server.state.requests}
    assert {"PUT", "POST"} <= methods


@needs_go
def test_preloaded_server_is_only_queried():
    with StandInOpaServer() as server:
        policies = load_policies()
        open_engine("opa", policies, opa=OpaServerOptions(url=server.url)).close()  # the government's deployment
        server.state.requests.clear()
        result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--engine", "opa", "--opa-url", server.url, "--opa-preloaded", "--now", NOW)
        assert result.returncode == 0, result.stderr
        assert not [r for r in server.state.requests if r[0] == "PUT"]


@needs_go
def test_token_is_sent_and_required():
    with StandInOpaServer(token="s3cret") as server:
        ok = run_dpgcheck("check", ROOT / "examples" / "compliant", "--engine", "opa", "--opa-url", server.url, "--opa-token", "s3cret", "--now", NOW)
        assert ok.returncode == 0, ok.stderr
        refused = run_dpgcheck("check", ROOT / "examples" / "compliant", "--engine", "opa", "--opa-url", server.url)
        assert refused.returncode == 2
        assert "refused access (HTTP 401); check --opa-token" in refused.stderr


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(DpgcheckError, match="cannot reach the OPA server at http://127.0.0.1:9"):
        open_engine("opa", load_policies(), opa=OpaServerOptions(url="http://127.0.0.1:9", timeout=2))


def test_no_url_and_no_opa_executable(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(DpgcheckError, match="needs --opa-url, or an `opa` executable on PATH"):
        open_engine("opa", load_policies(), opa=OpaServerOptions())


@pytest.mark.parametrize(
    ("ref", "path"),
    [
        ("data.dpgcheck.decision.main", "dpgcheck/decision/main"),
        ('data.dpgcheck.rules.community["code-of-conduct_test"].test_fail_missing', "dpgcheck/rules/community/code-of-conduct_test/test_fail_missing"),
    ],
)
def test_ref_to_rest_path(ref, path):
    assert ref_to_path(ref) == path


@needs_go
def test_json_reports_are_identical_across_engines_but_for_the_engine_name(make_repo):
    """Auditors diff reports: numbers must print the same (OPA says 1.0 where regorus says 1)."""
    repo = make_repo({"README.md": "# x\n", "LICENSE": (ROOT / "LICENSE").read_text(), "CHANGELOG.md": "# Changelog\n\n## 1.0.0\n- first\n"})
    reports = {}
    for engine in ("regorus", "opa-go"):
        result = run_dpgcheck("check", repo, "--engine", engine, "--format", "json", "--now", NOW, "--fail-on", "never")
        assert result.returncode == 0, result.stderr
        # When the run started and ended, and so how long it took, differ between any two runs: those
        # three values (each once, in the report's evaluation, well-formed) are masked; the clock is not.
        evaluation = json.loads(result.stdout)["evaluation"]
        assert evaluation["clock"] == NOW and evaluation["started_at"] <= evaluation["finished_at"] and evaluation["duration_seconds"] >= 0
        text, masked = RUN_TIMES.subn(lambda m: f'"{m.group(1)}": "-"', result.stdout)
        assert masked == 3, result.stdout
        reports[engine] = text.replace(f'"engine": "{engine}"', '"engine": "-"')
    assert reports["regorus"] == reports["opa-go"]

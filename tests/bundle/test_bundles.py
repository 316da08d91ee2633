"""Policy bundles: overlays as directories or .tar.gz, and hostile archives."""
from __future__ import annotations

import io
import json
import tarfile

import pytest

from tests.conftest import ROOT, run_dpgcheck, run_json

NOW = "2026-06-01T00:00:00Z"

OVERLAY_RULE = '''# METADATA
# title: The project names its national contact point
# description: A ministry requires a CONTACT.md file naming who answers for the software.
# related_resources:
#   - ref: https://example.gov/procurement/open-source
# custom:
#   severity: error
#   remediation: Add CONTACT.md naming the responsible public body.
#   profiles: [national]
package dpgcheck.rules.national["national.contact-point"]

findings contains {"message": "No CONTACT.md: name the responsible public body", "evidence": {}} if not contact_file

# A real overlay would read a fact; the test keys on the repository name to stay small.
contact_file if input.repository.name == "never"
'''

OVERLAY_TEST = '''package dpgcheck.rules.national["national.contact-point_test"]

import data.dpgcheck.rules.national["national.contact-point"] as rule

test_fail_no_contact if {
	rule.findings == {{"message": "No CONTACT.md: name the responsible public body", "evidence": {}}} with input as {"files": {"inventory": {"readme": []}}, "repository": {"name": "x"}}
}

test_success_contact if {
	rule.findings == set() with input as {"files": {"inventory": {"readme": []}}, "repository": {"name": "never"}}
}
'''

PROFILE = {"title": "National minimum", "include": ["license-file", "readme"], "severity": {"readme": "warning"}}


def write_overlay(root):
    (root / "rules" / "national" / "contact-point").mkdir(parents=True)
    (root / "rules" / "national" / "contact-point" / "rule.rego").write_text(OVERLAY_RULE)
    (root / "rules" / "national" / "contact-point" / "rule_test.rego").write_text(OVERLAY_TEST)
    (root / "dpgcheck" / "profiles" / "national").mkdir(parents=True)
    (root / "dpgcheck" / "profiles" / "national" / "data.json").write_text(json.dumps(PROFILE))
    (root / ".manifest").write_text(json.dumps({"revision": "gov-2026.1", "roots": ["dpgcheck/rules/national", "dpgcheck/profiles/national"], "metadata": {"namespace": "national"}}))
    return root


def make_tar(path, entries):
    with tarfile.open(path, "w:gz") as archive:
        for info, data in entries:
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def test_overlay_directory_adds_a_rule_and_a_profile(tmp_path):
    overlay = write_overlay(tmp_path / "gov")
    code, report = run_json("check", ROOT / "examples" / "compliant", "--bundle", overlay, "--profile", "national", "--format", "json", "--now", NOW)
    assert code == 1
    assert sorted(report["rules"]) == ["license-file", "national.contact-point", "readme"]
    assert report["rules"]["readme"]["severity"] == "warning"
    assert [f["rule_id"] for f in report["findings"]] == ["national.contact-point"]
    assert report["policy"]["bundles"] == ["dpgcheck", "gov"]
    assert report["policy"]["revision"].startswith("0.1.0+gov-2026.1 (")


def test_overlay_tests_run_with_policy_test(tmp_path):
    overlay = write_overlay(tmp_path / "gov")
    result = run_dpgcheck("policy", "test", "--no-builtin", overlay)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("regorus: 2 passed, 0 failed")


def test_overlay_as_tar_gz(tmp_path):
    overlay = write_overlay(tmp_path / "gov")
    archive = tmp_path / "gov.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for item in sorted(overlay.rglob("*")):
            tar.add(item, arcname=str(item.relative_to(overlay)), recursive=False)
    code, report = run_json("check", ROOT / "examples" / "compliant", "--bundle", archive, "--profile", "national", "--format", "json", "--now", NOW)
    assert code == 1
    assert report["policy"]["bundles"] == ["dpgcheck", "gov"]
    assert [f["rule_id"] for f in report["findings"]] == ["national.contact-point"]


def _file(name, data=b"x"):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def _link(name, target, kind):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = target
    return info, None


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (_file("../escape.rego"), "entry '../escape.rego' points outside the bundle; refused"),
        (_file("/etc/evil.rego"), "entry '/etc/evil.rego' points outside the bundle; refused"),
        (_file("a/../../b.rego"), "points outside the bundle; refused"),
        (_link("data.json", "/etc/passwd", tarfile.SYMTYPE), "entry 'data.json' is a link"),
        (_link("x.rego", "y.rego", tarfile.LNKTYPE), "entry 'x.rego' is a link"),
    ],
)
def test_hostile_archives_are_refused_before_anything_is_written(tmp_path, entry, message):
    archive = make_tar(tmp_path / "evil.tar.gz", [_file("ok.rego", b"package ok\n"), entry])
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--bundle", archive)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "escape.rego").exists()


def test_corrupt_archive_is_a_clear_error(tmp_path):
    archive = tmp_path / "broken.tar.gz"
    archive.write_bytes(b"\x1f\x8b\x08\x00garbage")
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--bundle", archive)
    assert result.returncode == 2
    assert "bundle archive cannot be read" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_data_file_names_the_file(tmp_path):
    bundle = tmp_path / "b"
    (bundle / "dpgcheck" / "profiles" / "x").mkdir(parents=True)
    (bundle / "dpgcheck" / "profiles" / "x" / "data.json").write_text("{oops")
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--bundle", bundle)
    assert result.returncode == 2
    assert "b/dpgcheck/profiles/x/data.json: data file is not valid JSON" in result.stderr


def namespaced(bundle, namespace="other"):
    bundle.mkdir(parents=True, exist_ok=True)
    (bundle / ".manifest").write_text(json.dumps({"revision": "1", "metadata": {"namespace": namespace}}))
    return bundle


def test_duplicate_rule_id_is_refused(tmp_path):
    bundle = namespaced(tmp_path / "dup")
    target = bundle / "rules" / "other" / "readme"
    target.mkdir(parents=True)
    source = (ROOT / "policies" / "rules" / "community" / "readme" / "rule.rego").read_text()
    (target / "rule.rego").write_text(source.replace('package dpgcheck.rules.community["readme"]', 'package dpgcheck.rules.other["readme"]'))
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--bundle", bundle)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "dpgcheck: error: dup/rules/other/readme/rule.rego: rule id 'readme' of an overlay must start with its namespace: \"other.<id>\""
    )


def test_built_bundle_gives_opa_the_same_decision(tmp_path):
    """What a government runs in its own OPA: the built bundle, queried with our facts."""
    pytest.importorskip("opa_bindings")
    from opa_bindings import OpaEngine

    from dpgcheck.collect.facts import collect_repository
    from dpgcheck.engine.normalise import canonical_numbers, normalise_decision
    from dpgcheck.report.model import build_report

    overlay = write_overlay(tmp_path / "gov")
    output = tmp_path / "bundle.tar.gz"
    result = run_dpgcheck("bundle", "build", "--bundle", overlay, "-o", output, in_process=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {output}: ")
    with tarfile.open(output) as archive:
        names = archive.getnames()
        assert names[:2] == [".manifest", "data.json"]
        assert not [n for n in names if n.endswith("_test.rego")]
        manifest = json.load(archive.extractfile(".manifest"))
        data = json.load(archive.extractfile("data.json"))
        modules = {n: archive.extractfile(n).read().decode() for n in names if n.endswith(".rego")}
    assert manifest["rego_version"] == 1
    assert "national.contact-point" in data["dpgcheck"]["catalog"]["rules"]
    engine = OpaEngine()
    for name, source in modules.items():
        engine.add_policy(name, source)
    engine.add_data(data)
    facts = collect_repository(ROOT / "examples" / "non-compliant")
    facts["options"] = {"profile": "national", "now": NOW}
    opa_decision = normalise_decision(canonical_numbers(engine.eval_document("dpgcheck.decision.main", facts)))
    code, ours = run_json("check", ROOT / "examples" / "non-compliant", "--bundle", overlay, "--profile", "national", "--format", "json", "--now", NOW)
    # The report adds to the decision what the decision does not hold (each finding's stable id,
    # each rule's documentation link): OPA's decision goes through the same report builder.
    opa_report = build_report(opa_decision, facts, policy_revision=ours["policy"]["revision"], bundles=ours["policy"]["bundles"], engine=ours["engine"])
    for key in ("findings", "rules", "indicators", "summary", "verdict", "warnings", "errors", "scorecard", "policy"):
        assert opa_report[key] == ours[key], key
    first = output.read_bytes()
    run_dpgcheck("bundle", "build", "--bundle", overlay, "-o", output)
    assert output.read_bytes() == first  # reproducible


def test_rule_package_without_findings_is_refused(tmp_path):
    bundle = namespaced(tmp_path / "nofindings")
    target = bundle / "rules" / "other" / "silent"
    target.mkdir(parents=True)
    (target / "rule.rego").write_text(
        "# METADATA\n# title: Silent\n# description: Says nothing.\n# custom:\n#   severity: error\n#   remediation: None.\n"
        'package dpgcheck.rules.other["other.silent"]\n\nviolations contains "x" if false\n'
    )
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--bundle", bundle)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "dpgcheck: error: nofindings/rules/other/silent/rule.rego: rule package has no `findings contains ... if` rule; "
        "every rule must expose its findings"
    )


NOT_A_RULE = "is under dpgcheck.rules but is not a rule package"


@pytest.mark.parametrize(
    ("package", "expected"),
    [
        ('dpgcheck.rules.national["national"]["data-residency"]', f'package dpgcheck.rules.national["national"]["data-residency"] {NOT_A_RULE}'),
        ('dpgcheck.rules.national_X["national.data-residency"]', "is outside this bundle's namespace 'national'"),
        ('dpgcheck.rules.national["national.data residency"]', "rule id 'national.data residency' must be kebab-case"),
        ('dpgcheck.rules["national"]["data-residency"]', "is outside this bundle's namespace 'national'"),
    ],
)
def test_rule_package_in_another_form_is_refused_not_ignored(tmp_path, package, expected):
    bundle = namespaced(tmp_path / "g", "national")
    target = bundle / "rules" / "national" / "data-residency"
    target.mkdir(parents=True)
    (target / "rule.rego").write_text(
        "# METADATA\n# title: Data residency\n# description: Data stays in the country.\n# custom:\n#   severity: error\n#   remediation: Host data nationally.\n"
        f'package {package}\n\nfindings contains {{"message": "x", "evidence": {{}}}} if true\n'
    )
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--bundle", bundle)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert expected in result.stderr


def test_symbolic_link_in_a_bundle_directory_is_refused(tmp_path):
    bundle = tmp_path / "linked"
    (bundle / "dpgcheck" / "profiles" / "x").mkdir(parents=True)
    (bundle / "dpgcheck" / "profiles" / "x" / "data.json").symlink_to("/etc/passwd")
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--bundle", bundle)
    assert result.returncode == 2
    assert "bundle entry 'dpgcheck/profiles/x/data.json' is a symbolic link; bundles may not contain links" in result.stderr

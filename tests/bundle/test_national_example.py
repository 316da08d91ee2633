"""examples/bundles/de-opencode: Germany's openCode badge criteria, as far as a clone can judge them."""
from __future__ import annotations

import subprocess
import sys

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from tests.conftest import ENGINES, ROOT, run_dpgcheck, run_json

NOW = "2026-11-25T00:00:00Z"
LATER = "2027-07-01T00:00:00Z"  # seven months after the examples' last commit
EXAMPLE = ROOT / "examples" / "bundles" / "de-opencode"


@pytest.fixture(scope="module")
def repos(tmp_path_factory):
    target = tmp_path_factory.mktemp("examples")
    subprocess.run([sys.executable, str(ROOT / "examples" / "build_examples.py"), str(target), "--now", NOW], check=True, capture_output=True)
    return target


def judge(repo, profile, now, engine, bundle=EXAMPLE, *extra):
    return run_json("check", repo, "--bundle", bundle, "--profile", profile, "--now", now, "--format", "json", "--engine", engine, *extra)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_examples_own_rego_tests_pass(engine):
    result = run_dpgcheck("policy", "test", EXAMPLE, "--run", "rules.de_", "--engine", engine)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith(f"{engine}: 9 passed, 0 failed")


@pytest.mark.parametrize("engine", ENGINES)
def test_forge_criteria_are_reported_as_not_judged_never_as_passed(repos, engine):
    code, report = judge(repos / "compliant", "de-opencode", NOW, engine)
    assert code == 0 and report["verdict"] == "pass"
    assert report["rules"]["de.not-judged-offline"]["status"] == "insufficient_evidence"
    forge = sorted(f["evidence"]["criterion"] for f in report["findings"] if f["rule_id"] == "de.not-judged-offline")
    assert forge == [
        "at least 75 % of merge requests reviewed by a maintainer",
        "at least 80 % of the tags of the last 6 months signed",
        "bus factor of at least 2 over 6 months",
        "issue response time under 7 days (issues of the last 3 months)",
        "main branch protected, no force-push",
    ]
    assert {"de.security-md-at-root", "de.commits-last-6-months"} <= {i for i, r in report["rules"].items() if r["status"] == "pass"}


@pytest.mark.parametrize("engine", ENGINES)
def test_the_stricter_thresholds_fail_what_procurement_minimum_passes(repos, engine):
    code, base = judge(repos / "single-vendor", "procurement-minimum", LATER, engine)
    assert code == 0 and base["verdict"] == "pass"
    code, national = judge(repos / "single-vendor", "de-opencode", LATER, engine)
    assert code == 1
    assert sorted(i for i, r in national["rules"].items() if r["blocking"]) == ["actively-maintained", "release-tags"]
    assert set(base["rules"]) | {"de.commits-last-6-months", "de.not-judged-offline", "de.security-md-at-root"} == set(national["rules"])


@pytest.mark.parametrize("engine", ENGINES)
def test_the_extra_rule_asks_for_security_md_at_the_root(repos, engine):
    code, report = judge(repos / "non-compliant", "de-opencode", NOW, engine)
    [finding] = [f for f in report["findings"] if f["rule_id"] == "de.security-md-at-root"]
    assert (finding["severity"], finding["outcome"], finding["message"]) == (
        "error", "fail", "No SECURITY.md at the repository root, as openCode's security badge asks")


@pytest.mark.parametrize("engine", ENGINES)
def test_the_replaced_licence_list_replaces_the_base_list_and_the_header_says_so(repos, engine):
    code, base = run_json("check", repos / "compliant", "--profile", "procurement-minimum", "--now", NOW, "--format", "json", "--engine", engine)
    assert base["rules"]["dpg-open-license"]["status"] == "pass"
    code, national = judge(repos / "compliant", "de-opencode", NOW, engine)
    [finding] = [f for f in national["findings"] if f["rule_id"] == "dpg-open-license"]
    assert finding["message"] == "Indicator 2 (open licence): no licence in the record (MIT) is approved for the code of a software solution (software list)"
    [change] = national["policy"]["loaded"][1]["overrides"]
    assert change == {"path": ["licenses", "dpga", "categories", "software", "licenses"], "base": "107 entries",
                      "value": "replaced by 18 entries", "replaced": True, "effect": "replaces"}
    text = run_dpgcheck("check", repos / "compliant", "--bundle", EXAMPLE, "--profile", "de-opencode", "--now", NOW, "--engine", engine).stdout
    assert text.splitlines()[2] == "  replaces: licenses.dpga.categories.software.licenses: 107 entries -> replaced by 18 entries"


def test_readme_walkthrough_build_sign_verify_check(repos, tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    private, public = tmp_path / "de.key", tmp_path / "de.pub"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    archive = tmp_path / "de-opencode.tar.gz"
    built = run_dpgcheck("bundle", "build", "--overlay", EXAMPLE, "-o", archive)
    assert built.stdout == f"wrote {archive}: 9 files, 9 bundle tests passed\n", built.stdout + built.stderr
    assert run_dpgcheck("bundle", "sign", archive, "--signing-key", private, "--signing-alg", "ES256", "--key-id", "de-2026").returncode == 0
    assert run_dpgcheck("bundle", "verify", archive, "--verification-key", public).returncode == 0
    code, signed = judge(repos / "single-vendor", "de-opencode", LATER, "regorus", archive, "--verification-key", public, "--require-signature")
    code_dir, unsigned = judge(repos / "single-vendor", "de-opencode", LATER, "regorus")
    assert (code, signed["rules"], signed["findings"]) == (code_dir, unsigned["rules"], unsigned["findings"])
    assert signed["policy"]["loaded"][1]["signature"] == "verified (key de)"
    assert signed["policy"]["loaded"][1]["publisher"] == "dpgcheck example, not published by the German government"

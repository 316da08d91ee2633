"""The overlay contract: an overlay adds in its own namespace, never shadows the base, and says what it changes."""
from __future__ import annotations

import io
import json
import tarfile

import pytest

from tests.conftest import ENGINES, ROOT, run_dpgcheck, run_json

NOW = "2026-06-01T00:00:00Z"
COMPLIANT = ROOT / "examples" / "compliant"
NON_COMPLIANT = ROOT / "examples" / "non-compliant"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if isinstance(text, str) else json.dumps(text))
    return path


def manifest(bundle, namespace=None, **metadata):
    if namespace:
        metadata["namespace"] = namespace
    write(bundle / ".manifest", {"revision": "r1", "metadata": metadata})
    return bundle


def refused(bundle, *extra):
    result = run_dpgcheck("check", COMPLIANT, "--bundle", bundle, "--now", NOW, *extra)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr.strip()


CONFIG_SHADOW = "package dpgcheck.lib.config\n\nprofile_name := \"default\"\nthresholds := {}\n"


def test_an_overlay_folder_named_dpgcheck_cannot_replace_lib_config(tmp_path):
    bundle = tmp_path / "dpgcheck"
    write(bundle / "lib" / "config.rego", CONFIG_SHADOW)
    assert refused(bundle) == (
        "dpgcheck: error: dpgcheck+/lib/config.rego: package dpgcheck.lib.config: a bundle with Rego modules must declare its "
        'namespace in .manifest (metadata.namespace, e.g. "de"); its rules go in dpgcheck.rules.<namespace>_<area>'
    )
    manifest(bundle, "gov")
    assert refused(bundle) == (
        "dpgcheck: error: dpgcheck+/lib/config.rego: package dpgcheck.lib.config is outside this bundle's namespace 'gov': "
        'an overlay may only add rule packages dpgcheck.rules.gov_<area>["gov.<id>"] and helpers under dpgcheck.ext.gov; '
        "it can never replace or extend a built-in package"
    )


@pytest.mark.parametrize("package", ["dpgcheck.decision", "dpgcheck.lib.result", "dpgcheck.dispatch", "dpgcheck.rules.community[\"readme\"]", "main"])
def test_an_overlay_module_outside_its_namespace_is_refused(tmp_path, package):
    bundle = manifest(tmp_path / "gov", "gov")
    write(bundle / "x.rego", f"package {package}\n\nx := 1\n")
    assert f"package {package} is outside this bundle's namespace 'gov'" in refused(bundle)


def test_an_overlay_may_not_reuse_a_built_in_rule_id_even_in_its_own_area(tmp_path):
    bundle = manifest(tmp_path / "gov", "gov")
    source = (ROOT / "policies" / "rules" / "community" / "readme" / "rule.rego").read_text()
    write(bundle / "rules" / "readme.rego", source.replace('package dpgcheck.rules.community["readme"]', 'package dpgcheck.rules.gov_community["readme"]'))
    assert refused(bundle) == "dpgcheck: error: gov/rules/readme.rego: rule id 'readme' of an overlay must start with its namespace: \"gov.<id>\""


def test_two_overlays_may_not_share_a_namespace(tmp_path):
    first = manifest(tmp_path / "a", "gov")
    write(first / "dpgcheck" / "profiles" / "a" / "data.json", {"include": ["readme"]})
    second = manifest(tmp_path / "b", "gov")
    write(second / "dpgcheck" / "profiles" / "b" / "data.json", {"include": ["readme"]})
    assert refused(first, "--bundle", second) == "dpgcheck: error: b/.manifest: two bundles declare the namespace 'gov'; each overlay needs its own"


@pytest.mark.parametrize(("directory", "key"), [("dpgcheck/catalog", "catalog"), ("dpgcheck/decision", "decision"), ("dpgcheck/ext/other", "ext")])
def test_overlay_data_outside_config_profiles_licences_and_its_own_is_refused(tmp_path, directory, key):
    bundle = manifest(tmp_path / "gov", "gov")
    write(bundle / directory / "data.json", {"rules": {}})
    assert refused(bundle) == (
        f"dpgcheck: error: gov/{directory}/data.json: an overlay may not set data.dpgcheck.{key}: "
        "only data.dpgcheck.{config, profiles, licenses, titles} and data.dpgcheck.ext.gov"
    )


def test_empty_bundle_directory_is_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    assert refused(tmp_path / "empty") == (
        "dpgcheck: error: empty: the bundle holds no policy (no .rego module and no data.json or data.yaml); refused"
    )


def test_empty_bundle_archive_is_refused(tmp_path):
    archive = tmp_path / "empty.tar.gz"
    with tarfile.open(archive, "w:gz"):
        pass
    assert refused(archive).endswith("empty: the bundle holds no policy (no .rego module and no data.json or data.yaml); refused")


def test_a_bundle_with_only_a_manifest_is_refused(tmp_path):
    archive = tmp_path / "m.tar.gz"
    data = json.dumps({"revision": "1"}).encode()
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo(".manifest")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    assert "the bundle holds no policy" in refused(archive)


def readme_bundle(tmp_path):
    """The README's example: a national profile that includes procurement-minimum."""
    bundle = tmp_path / "my-bundle"
    write(bundle / "dpgcheck" / "profiles" / "my-country" / "data.json", {
        "title": "National procurement minimum",
        "include": ["profile:procurement-minimum", "sbom-present"],
        "severity": {"security-policy": "error"},
        "thresholds": {"max_inactive_months": 6},
    })
    return bundle


@pytest.mark.parametrize("engine", ENGINES)
def test_a_profile_that_includes_another_gets_all_of_it(tmp_path, engine):
    code, base = run_json("check", NON_COMPLIANT, "--profile", "procurement-minimum", "--format", "json", "--now", NOW, "--engine", engine)
    code, report = run_json("check", NON_COMPLIANT, "--bundle", readme_bundle(tmp_path), "--profile", "my-country", "--format", "json", "--now", NOW, "--engine", engine)
    # procurement-minimum's 12 selectors: 25 rules (its rule ids, indicator:2's five rules, the rules whose
    # METADATA names the profile), plus what its profile:security-posture brings: the nine security-area
    # rules whose METADATA names security-posture (its other rules are in procurement-minimum already).
    # The default profile's exclusions (sbom-bsi-tr-03183-2, sbom-cisa-2025-minimum-elements) are not
    # inherited, and neither rule names procurement-minimum or security-posture.
    assert len(base["rules"]) == 34
    assert {"binary-artifacts", "binary-artifacts-set-apart", "dangerous-workflow", "dependency-update-tool", "download-then-execute",
            "fuzzing", "pinned-actions", "pinned-container-images", "token-permissions"} <= set(base["rules"])
    assert not {"sbom-bsi-tr-03183-2", "sbom-cisa-2025-minimum-elements"} & set(base["rules"])
    assert sorted(report["rules"]) == sorted(base["rules"])  # sbom-present is in procurement-minimum already
    assert {"security-policy", "readme", "license-file", "collection-problems"} <= set(report["rules"])
    assert report["rules"]["security-policy"]["severity"] == "error"
    # procurement-minimum's own severities come along with its rules
    assert report["rules"]["release-tags"]["severity"] == "error"
    assert {k: v["severity"] for k, v in report["rules"].items()} == {k: v["severity"] for k, v in base["rules"].items()}


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ({"include": ["readme"], "severity": {"security-polcy": "error"}}, 'profile "mine" sets the severity of "security-polcy", which is not a loaded rule'),
        ({"include": ["readme"], "exclude": ["area:nowhere"]}, 'profile "mine": exclude selector "area:nowhere" selects no loaded rule'),
        ({"include": ["readme", "profile:no-such"]}, 'profile "mine": include selector "profile:no-such" selects no loaded rule'),
    ],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_a_profile_override_that_matches_nothing_is_an_error(tmp_path, profile, message, engine):
    bundle = tmp_path / "b"
    write(bundle / "dpgcheck" / "profiles" / "mine" / "data.json", profile)
    assert refused(bundle, "--profile", "mine", "--engine", engine) == f"dpgcheck: error: {message}"


@pytest.mark.parametrize("engine", ENGINES)
def test_bundle_configuration_that_matches_nothing_is_an_error(tmp_path, engine):
    bundle = tmp_path / "b"
    write(bundle / "dpgcheck" / "config" / "data.json", {"severity": {"no-such-rule": "info"}, "disabled": ["indicator:99"]})
    result = run_dpgcheck("check", COMPLIANT, "--bundle", bundle, "--now", NOW, "--engine", engine)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        'dpgcheck: error: the bundle configuration (data.dpgcheck.config.disabled): "indicator:99" selects no loaded rule; '
        'the bundle configuration (data.dpgcheck.config.severity) sets the severity of "no-such-rule", which is not a loaded rule'
    )


def weakening_bundle(tmp_path):
    bundle = manifest(tmp_path / "lax", None, name="Lax ministry bundle", publisher="Ministry of Examples")
    write(bundle / "dpgcheck" / "config" / "data.json", {"fail_on": "never", "profile": "lenient", "severity": {"readme": "info"}})
    write(bundle / "dpgcheck" / "profiles" / "lenient" / "data.json", {"title": "Lenient", "include": ["readme", "license-file"]})
    write(bundle / "dpgcheck" / "profiles" / "procurement-minimum" / "data.json", {"severity": {"release-tags": "info", "changelog-maintained": "error"}})
    return bundle


@pytest.mark.parametrize("engine", ENGINES)
def test_every_report_names_the_overlay_and_what_weakens_the_base(tmp_path, engine):
    bundle = weakening_bundle(tmp_path)
    code, report = run_json("check", NON_COMPLIANT, "--bundle", bundle, "--format", "json", "--now", NOW, "--engine", engine)
    assert code == 0 and report["verdict"] == "pass" and report["profile"] == "lenient"
    base, lax = report["policy"]["loaded"]
    assert base["name"] == "dpgcheck-base" and base["base"] is True and base["overrides"] == []
    assert {k: lax[k] for k in ("name", "publisher", "revision", "signature", "base")} == {
        "name": "Lax ministry bundle", "publisher": "Ministry of Examples", "revision": "r1", "signature": "unsigned", "base": False,
    }
    assert sorted((".".join(c["path"]), c["base"], c["value"], c["effect"]) for c in lax["overrides"]) == [
        ("config.fail_on", "error", "never", "weakens"),
        ("config.profile", "default", "lenient", "weakens"),
        ("config.severity.readme", None, "info", "weakens"),
        ("profiles.procurement-minimum.severity.changelog-maintained", None, "error", "strengthens"),
        ("profiles.procurement-minimum.severity.release-tags", "error", "info", "weakens"),
    ]
    text = run_dpgcheck("check", NON_COMPLIANT, "--bundle", bundle, "--now", NOW, "--engine", engine).stdout.splitlines()
    assert text[1:8] == [
        "bundle Lax ministry bundle · publisher Ministry of Examples · revision r1 · signature unsigned · 5 overrides of the base, 4 WEAKENING it",
        "  WEAKENS: config.fail_on: error -> never",
        "  WEAKENS: config.profile: default -> lenient",
        "  WEAKENS: config.severity.readme: unset -> info",
        "  WEAKENS: profiles.procurement-minimum.severity.release-tags: error -> info",
        "  strengthens: profiles.procurement-minimum.severity.changelog-maintained: unset -> error",
        "",
    ]
    markdown = run_dpgcheck("check", NON_COMPLIANT, "--bundle", bundle, "--now", NOW, "--engine", engine, "--format", "markdown").stdout
    assert "bundle Lax ministry bundle · publisher Ministry of Examples" in markdown
    assert "  WEAKENS: config.fail_on: error -> never" in markdown


def test_a_report_without_overlays_has_no_bundle_lines():
    text = run_dpgcheck("check", COMPLIANT, "--now", NOW).stdout.splitlines()
    assert text[1] == ""


def test_sarif_junit_and_github_name_the_overlay_and_its_weakening_changes(tmp_path):
    import xml.etree.ElementTree as ET

    bundle = weakening_bundle(tmp_path)

    def output(fmt):
        return run_dpgcheck("check", NON_COMPLIANT, "--bundle", bundle, "--now", NOW, "--format", fmt).stdout

    sarif = json.loads(output("sarif"))
    [lax] = sarif["runs"][0]["properties"]["bundles"]
    assert lax["name"] == "Lax ministry bundle" and sum(c["effect"] == "weakens" for c in lax["overrides"]) == 4
    junit = ET.fromstring(output("junit"))
    values = [(p.get("name"), p.get("value")) for p in junit.iter("property") if p.get("name").startswith("bundle")]
    assert values[0][0] == "bundle" and values[0][1].startswith("bundle Lax ministry bundle · publisher Ministry of Examples")
    assert ("bundle_override", "WEAKENS: config.fail_on: error -> never") in values
    github = output("github").splitlines()
    assert github[0].startswith("::notice title=dpgcheck policy bundle::bundle Lax ministry bundle")
    assert "::notice title=dpgcheck policy bundle::WEAKENS: config.fail_on: error -> never" in github


def test_a_licence_added_to_or_withdrawn_from_a_base_list_is_reported(tmp_path):
    bundle = tmp_path / "national"
    write(bundle / "dpgcheck" / "licenses" / "dpga" / "data.json", {
        "categories": {"software": {"licenses": {"LicenseRef-National-1.0": {"name": "National Open Licence 1.0"}}}},
        "excluded": {"GPL-3.0-only": "not on the national list"},
    })
    code, report = run_json("check", COMPLIANT, "--bundle", bundle, "--format", "json", "--now", NOW)
    assert sorted((".".join(c["path"]), c["base"], c["effect"]) for c in report["policy"]["loaded"][1]["overrides"]) == [
        ("licenses.dpga.categories.software.licenses.LicenseRef-National-1.0", None, "changes"),
        ("licenses.dpga.excluded.GPL-3.0-only", None, "changes"),
    ]

"""The offline publiccode.yml validator: valid files of every supported version, and each kind of defect."""
from __future__ import annotations

import copy
from typing import Any

import pytest

from dpgcheck.publiccode import check
from dpgcheck.publiccode.standard import standard
from tests.governance.helpers import FULL, LONG_DESCRIPTION, MINIMAL, dump, mutate

EXISTING = {"docs/logo.svg", "docs/screen.png", "AUTHORS"}


def run(document: Any, exists: set[str] = EXISTING) -> list[tuple[str, str, str]]:
    data = document if isinstance(document, bytes) else dump(document)
    result = check(data, exists=lambda path: path in exists)
    assert result.parsed
    return [(i["severity"], i["key"], i["code"]) for i in result.issues]


@pytest.mark.parametrize("version", standard()["versions"])
def test_minimal_file_valid_for_every_supported_version(version: str) -> None:
    issues = run(mutate(MINIMAL, "publiccodeYmlVersion", version))
    if version in ("0", "0.7", "0.7.0"):
        assert issues == []
    else:
        assert issues == [("warning", "publiccodeYmlVersion", "old-version")]


@pytest.mark.parametrize("version", standard()["versions"])
def test_full_file_valid_for_every_supported_version(version: str) -> None:
    issues = run(mutate(FULL, "publiccodeYmlVersion", version))
    assert [i for i in issues if i[0] == "error"] == []


def test_supported_versions_are_the_parsers_list() -> None:
    assert standard()["versions"] == ["0", "0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5", "0.5.0", "0.7", "0.7.0"]


def test_handwritten_file_with_comments_anchors_and_block_scalars_is_valid() -> None:
    text = f"""# publiccode.yml written by hand
publiccodeYmlVersion: "0.7"
name: Civil Registry
url: "https://git.example.org/registry/civil-registry.git"
platforms: [web]
developmentStatus: beta
softwareType: library
defaults: &text
  shortDescription: Civil registration
description:
  en:
    shortDescription: Civil registration
    longDescription: >
      {LONG_DESCRIPTION}
    features:
      - Births
legal:
  license: Apache-2.0
maintenance:
  type: none
localisation:
  localisationReady: false
  availableLanguages: [en]
""".encode()
    assert run(text) == [("error", "defaults", "unknown-key")]
    assert run(text.replace(b"defaults: &text\n  shortDescription: Civil registration\n", b"")) == []


DEFECTS: list[tuple[str, dict[str, Any], list[tuple[str, str, str]]]] = [
    ("version missing", mutate(MINIMAL, "publiccodeYmlVersion", delete=True), [("error", "publiccodeYmlVersion", "missing")]),
    ("version unsupported", mutate(MINIMAL, "publiccodeYmlVersion", "0.6"), [("error", "publiccodeYmlVersion", "unsupported-version")]),
    ("version not a string", mutate(MINIMAL, "publiccodeYmlVersion", 0.5), [("error", "publiccodeYmlVersion", "wrong-type")]),
    ("name missing", mutate(MINIMAL, "name", delete=True), [("error", "name", "missing")]),
    ("url not a URL", mutate(MINIMAL, "url", "registry"), [("error", "url", "invalid-url")]),
    ("platforms empty", mutate(MINIMAL, "platforms", []), [("error", "platforms", "missing")]),
    ("development status", mutate(MINIMAL, "developmentStatus", "alpha"), [("error", "developmentStatus", "invalid-value")]),
    ("software type", mutate(MINIMAL, "softwareType", "app"), [("error", "softwareType", "invalid-value")]),
    ("maintenance type", mutate(MINIMAL, "maintenance.type", "paid"), [("error", "maintenance.type", "invalid-value")]),
    ("contract without contractors", mutate(MINIMAL, "maintenance", {"type": "contract"}), [("error", "maintenance.contractors", "missing")]),
    (
        "contractors without contract",
        mutate(MINIMAL, "maintenance.contractors", [{"name": "Vendor", "until": "2027-01-01"}]),
        [("error", "maintenance.contractors", "not-allowed")],
    ),
    ("community without contacts", mutate(MINIMAL, "maintenance", {"type": "community"}), [("error", "maintenance.contacts", "missing")]),
    ("internal with empty contacts", mutate(MINIMAL, "maintenance", {"type": "internal", "contacts": []}), [("error", "maintenance.contacts", "missing")]),
    (
        "contractor until not a date",
        mutate(MINIMAL, "maintenance", {"type": "contract", "contractors": [{"name": "Vendor", "until": "next year"}]}),
        [("error", "maintenance.contractors[0].until", "invalid-date")],
    ),
    ("contact without name", mutate(MINIMAL, "maintenance.contacts", [{"affiliation": "Registry"}]), [("error", "maintenance.contacts[0].name", "missing")]),
    ("contact e-mail malformed", mutate(MINIMAL, "maintenance.contacts.0.email", "not-an-address"), [("error", "maintenance.contacts[0].email", "invalid-email")]),
    ("short description too long", mutate(MINIMAL, "description.en.shortDescription", "x" * 151), [("error", "description.en.shortDescription", "too-long")]),
    ("long description too short", mutate(MINIMAL, "description.en.longDescription", "x" * 149), [("error", "description.en.longDescription", "too-short")]),
    ("long description too long", mutate(MINIMAL, "description.en.longDescription", "x" * 10_001), [("error", "description.en.longDescription", "too-long")]),
    ("features missing", mutate(MINIMAL, "description.en.features", delete=True), [("error", "description.en.features", "missing")]),
    ("description empty", mutate(MINIMAL, "description", {}), [("error", "description", "missing")]),
    (
        "description language not BCP 47",
        {**copy.deepcopy(MINIMAL), "description": {"english": copy.deepcopy(MINIMAL["description"]["en"])}},
        [("error", "description.english", "invalid-language")],
    ),
    ("licence not SPDX", mutate(MINIMAL, "legal.license", "GPL-4.0-only"), [("error", "legal.license", "invalid-spdx")]),
    ("licence missing", mutate(MINIMAL, "legal", {}), [("error", "legal.license", "missing")]),
    ("country unknown", mutate(MINIMAL, "intendedAudience", {"countries": ["XX"]}), [("error", "intendedAudience.countries[0]", "invalid-country")]),
    ("country lower case", mutate(MINIMAL, "intendedAudience", {"unsupportedCountries": ["it"]}), [("warning", "intendedAudience.unsupportedCountries[0]", "lowercase-country")]),
    ("scope unknown", mutate(MINIMAL, "intendedAudience", {"scope": ["space"]}), [("error", "intendedAudience.scope[0]", "invalid-value")]),
    ("category unknown", mutate(MINIMAL, "categories", ["games"]), [("error", "categories[0]", "invalid-value")]),
    ("unknown top-level key", mutate(MINIMAL, "dpgcheck", {"x": 1}), [("error", "dpgcheck", "unknown-key")]),
    ("unknown nested key", mutate(MINIMAL, "legal.licence", "MIT"), [("error", "legal.licence", "unknown-key")]),
    ("localisationReady not a boolean", mutate(MINIMAL, "localisation.localisationReady", "yes"), [("error", "localisation.localisationReady", "wrong-type")]),
    ("localisationReady missing", mutate(MINIMAL, "localisation.localisationReady", delete=True), [("error", "localisation.localisationReady", "missing")]),
    ("available language unknown", mutate(MINIMAL, "localisation.availableLanguages", ["xx"]), [("error", "localisation.availableLanguages[0]", "invalid-language")]),
    ("release date impossible", mutate(MINIMAL, "releaseDate", "2026-13-01"), [("error", "releaseDate", "invalid-date")]),
    ("logo extension", mutate(MINIMAL, "logo", "docs/logo.gif"), [("error", "logo", "invalid-extension")]),
    ("logo absolute path", mutate(MINIMAL, "logo", "/srv/logo.png"), [("error", "logo", "absolute-path")]),
    ("logo file URL", mutate(MINIMAL, "logo", "file:///srv/logo.png"), [("error", "logo", "absolute-path")]),
    ("logo missing file", mutate(MINIMAL, "logo", "docs/missing.png"), [("error", "logo", "file-not-found")]),
    ("logo outside the repository", mutate(MINIMAL, "logo", "../logo.png"), [("error", "logo", "outside-repository")]),
    ("screenshot extension", mutate(MINIMAL, "description.en.screenshots", ["docs/screen.bmp"]), [("error", "description.en.screenshots[0]", "invalid-extension")]),
    ("documentation not http", mutate(MINIMAL, "description.en.documentation", "ftp://example.org/docs"), [("error", "description.en.documentation", "invalid-url")]),
    ("supports unknown alias", mutate(MINIMAL, "supports", [{"id": "alias:hipaa"}]), [("error", "supports[0].id", "invalid-value")]),
    ("supports not a URI", mutate(MINIMAL, "supports", [{"id": "gdpr"}]), [("error", "supports[0].id", "invalid-uri")]),
    ("organisation without uri", mutate(MINIMAL, "organisation", {"name": "Example Ministry"}), [("error", "organisation.uri", "missing")]),
    ("organisation uri invalid", mutate(MINIMAL, "organisation", {"uri": "Example Ministry"}), [("error", "organisation.uri", "invalid-uri")]),
    ("funder uri invalid", mutate(MINIMAL, "fundedBy", [{"uri": "ministry"}]), [("error", "fundedBy[0].uri", "invalid-uri")]),
    ("dependency without name", mutate(MINIMAL, "dependsOn", {"open": [{"version": "14"}]}), [("error", "dependsOn.open[0].name", "missing")]),
    ("dependency optional not boolean", mutate(MINIMAL, "dependsOn", {"open": [{"name": "pg", "optional": "no"}]}), [("error", "dependsOn.open[0].optional", "wrong-type")]),
    ("name wrong type", mutate(MINIMAL, "name", ["Civil", "Registry"]), [("error", "name", "wrong-type")]),
    ("platforms wrong type", mutate(MINIMAL, "platforms", {"web": True}), [("error", "platforms", "wrong-type")]),
    ("deprecated genericName", mutate(MINIMAL, "description.en.genericName", "Registry"), [("warning", "description.en.genericName", "deprecated")]),
    ("deprecated repoOwner", mutate(MINIMAL, "legal.repoOwner", "Example Ministry"), [("warning", "legal.repoOwner", "deprecated")]),
    ("deprecated monochromeLogo", mutate(MINIMAL, "monochromeLogo", "docs/logo.svg"), [("warning", "monochromeLogo", "deprecated")]),
    ("deprecated inputTypes", mutate(MINIMAL, "inputTypes", ["text/csv"]), [("warning", "inputTypes", "deprecated")]),
    ("deprecated authorsFile that is missing", mutate(MINIMAL, "legal.authorsFile", "AUTHORS.md"), [("error", "legal.authorsFile", "file-not-found"), ("warning", "legal.authorsFile", "deprecated")]),
    (
        "IT section",
        mutate(MINIMAL, "IT", {"countryExtensionVersion": "1.0", "piattaforme": {"spid": True}, "riuso": {"codiceIPA": "c_h501"}}),
        [("warning", "IT", "deprecated"), ("warning", "IT.riuso.codiceIPA", "deprecated")],
    ),
    (
        "IT and it both",
        {**copy.deepcopy(MINIMAL), "IT": {"piattaforme": {"spid": True}}, "it": {"piattaforme": {"cie": "yes"}}},
        [("warning", "IT", "deprecated"), ("error", "it", "duplicate-section"), ("warning", "it", "deprecated"), ("error", "it.piattaforme.cie", "wrong-type")],
    ),
]


@pytest.mark.parametrize("document, expected", [pytest.param(d, e, id=name) for name, d, e in DEFECTS])
def test_each_kind_of_defect(document: dict[str, Any], expected: list[tuple[str, str, str]]) -> None:
    assert sorted(run(document)) == sorted(expected)


def test_root_must_be_a_mapping() -> None:
    result = check(b"- a\n- b\n")
    assert result.parsed
    assert [(i["key"], i["code"], i["line"]) for i in result.issues] == [("", "not-a-mapping", 1)]


def test_yaml_11_booleans_are_strings() -> None:
    text = dump(MINIMAL).replace(b"localisationReady: true", b"localisationReady: on")
    assert run(text) == [("error", "localisation.localisationReady", "wrong-type")]


def test_unquoted_version_is_a_number() -> None:
    text = dump(MINIMAL).replace(b"publiccodeYmlVersion: '0'", b"publiccodeYmlVersion: 0.5")
    result = check(text)
    assert [(i["key"], i["code"], i["message"]) for i in result.issues] == [
        ("publiccodeYmlVersion", "wrong-type", 'publiccodeYmlVersion must be a quoted string such as "0", not a number')
    ]


def test_duplicate_key_is_an_error_with_its_path_and_line() -> None:
    text = dump(MINIMAL) + b"name: Another Name\n"
    result = check(text)
    line = text.decode().count("\n")
    assert [(i["severity"], i["key"], i["code"], i["line"]) for i in result.issues] == [("error", "name", "duplicate-key", line)]


def test_issues_carry_the_line_of_their_key() -> None:
    text = dump(mutate(MINIMAL, "developmentStatus", "alpha")).decode()
    line = next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith("developmentStatus:"))
    [issue] = check(text.encode()).issues
    assert issue == {
        "severity": "error",
        "key": "developmentStatus",
        "code": "invalid-value",
        "message": "developmentStatus is 'alpha'; allowed: concept, development, beta, stable, obsolete",
        "line": line,
    }


def test_messages_never_repeat_contact_details() -> None:
    document = mutate(MINIMAL, "maintenance.contacts", [{"name": ["Jane", "Doe"], "email": "jane.doe@@example", "phone": 12345}])
    issues = check(dump(document)).issues
    text = repr(issues)
    assert "jane" not in text.lower() and "Doe" not in text
    assert sorted((i["key"], i["code"]) for i in issues) == [
        ("maintenance.contacts[0].email", "invalid-email"),
        ("maintenance.contacts[0].name", "wrong-type"),
    ]


def test_an_old_style_file_is_valid_with_deprecation_warnings() -> None:
    """A file in the style of the 0.2 era (IT section, repoOwner, genericName, lower-case countries)."""
    text = f"""publiccodeYmlVersion: "0.2"
name: Registro Civile
url: "https://git.example.org/registry/civil-registry.git"
releaseDate: "2019-05-01"
platforms:
  - web
categories:
  - document-management
developmentStatus: stable
softwareType: standalone/web
intendedAudience:
  countries:
    - it
description:
  it:
    genericName: Registro
    shortDescription: Registro civile per i comuni
    longDescription: >
      {LONG_DESCRIPTION}
    features:
      - Nascite
legal:
  license: AGPL-3.0-or-later
  repoOwner: Comune di Esempio
maintenance:
  type: internal
  contacts:
    - name: Ufficio Anagrafe
localisation:
  localisationReady: true
  availableLanguages:
    - it
IT:
  countryExtensionVersion: "0.2"
  conforme:
    gdpr: true
  riuso:
    codiceIPA: c_x000
""".encode()
    assert run(text) == [
        ("warning", "publiccodeYmlVersion", "old-version"),
        ("warning", "intendedAudience.countries[0]", "lowercase-country"),
        ("warning", "description.it.genericName", "deprecated"),
        ("warning", "legal.repoOwner", "deprecated"),
        ("warning", "IT", "deprecated"),
        ("warning", "IT.conforme", "deprecated"),
        ("warning", "IT.riuso.codiceIPA", "deprecated"),
    ]

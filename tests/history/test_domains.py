"""E-mail domain to organisation: registrable domains, webmail, bots, affiliation maps."""
from __future__ import annotations

from pathlib import Path

import pytest

from dpgcheck.history.domains import AffiliationMap, is_bot, is_webmail, load_affiliations, organisation_of, registrable_domain
from dpgcheck.history.metrics import commit_groups
from dpgcheck.history.tags import scheme_of


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ("example.org", "example.org"),
        ("eng.mail.example.org", "example.org"),
        ("digital.gov.uk", "digital.gov.uk"),
        ("team.digital.gov.uk", "digital.gov.uk"),
        ("mail.meity.gov.in", "meity.gov.in"),
        ("dev.serpro.gov.br", "serpro.gov.br"),
        ("cs.uonbi.ac.ke", "uonbi.ac.ke"),
        ("ict.go.ke", "ict.go.ke"),
        ("lists.mozilla.org.za", "mozilla.org.za"),
        ("build.atlassian.com.au", "atlassian.com.au"),
        ("www.numerique.gouv.fr", "numerique.gouv.fr"),
        ("x.someone.github.io", "someone.github.io"),
        ("EXAMPLE.ORG.", "example.org"),
        ("gov.in", None),
        ("co.uk", None),
        ("localhost", None),
        ("anas-laptop.local", None),  # a machine (named after its owner), not an organisation
        ("desktop-7q2x.localdomain", None),
        ("build.corp", None),
        ("someone.notebook", None),  # not a public top-level label
        ("10.0.238.49", None),  # an IP address
        ("mail.minzdrav.xn--p1ai", "minzdrav.xn--p1ai"),
        ("x-road.global", "x-road.global"),
        ("", None),
        ("bad_label.org", None),
    ],
)
def test_registrable_domain(domain: str, expected: str | None) -> None:
    assert registrable_domain(domain) == expected


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("dev@eng.ict.go.ke", "ict.go.ke"),
        ("Someone@Mail.Serpro.Gov.Br", "serpro.gov.br"),
        ("person@gmail.com", "unknown"),
        ("person@yahoo.co.uk", "unknown"),
        ("person@hotmail.fr", "unknown"),
        ("12345+person@users.noreply.github.com", "unknown"),
        ("person@proton.me", "unknown"),
        ("root@localhost", "unknown"),
        ("not-an-address", "unknown"),
        ("@nolocal.org", "unknown"),
    ],
)
def test_organisation_of(email: str, expected: str) -> None:
    assert organisation_of(email) == expected


def test_webmail_and_bots() -> None:
    assert is_webmail("googlemail.com") and is_webmail("gmx.at") and not is_webmail("gov.br.acme.net")
    assert is_bot("49699333+dependabot[bot]@users.noreply.github.com")
    assert is_bot("x@example.org", "renovate[bot]")
    assert is_bot("noreply@github.com")
    assert not is_bot("abbot@example.org", "Abbot")


def test_affiliation_map_address_wins_over_domain_and_parents_match() -> None:
    mapping = AffiliationMap({"someone@gmail.com": "Ministry of ICT, Kenya", "serpro.gov.br": "SERPRO", "@ict.go.ke": "Ministry of ICT, Kenya"})
    assert len(mapping) == 3
    assert organisation_of("SomeOne@gmail.com", mapping) == "Ministry of ICT, Kenya"
    assert organisation_of("other@gmail.com", mapping) == "unknown"
    assert organisation_of("a@dev.serpro.gov.br", mapping) == "SERPRO"
    assert organisation_of("b@eng.ict.go.ke", mapping) == "Ministry of ICT, Kenya"
    assert organisation_of("c@acme.com", mapping) == "acme.com"


def test_load_affiliations_yaml_json_and_errors(tmp_path: Path) -> None:
    yaml_file = tmp_path / "aff.yaml"
    yaml_file.write_text("affiliations:\n  serpro.gov.br: SERPRO\n  p@gmail.com: SERPRO\n", encoding="utf-8")
    assert organisation_of("p@gmail.com", load_affiliations(yaml_file)) == "SERPRO"
    json_file = tmp_path / "aff.json"
    json_file.write_text('{"ict.go.ke": "Kenya ICT"}', encoding="utf-8")
    assert organisation_of("x@ict.go.ke", load_affiliations(json_file)) == "Kenya ICT"
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ValueError, match="must map e-mail addresses or domains"):
        load_affiliations(bad)
    broken = tmp_path / "broken.json"
    broken.write_text("{nope", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        load_affiliations(broken)
    with pytest.raises(ValueError, match="cannot read"):
        load_affiliations(tmp_path / "missing.yaml")


def test_commit_groups_count_members_per_number_of_commits() -> None:
    # The factors themselves are computed in Rego (policies/lib/history_test.rego).
    assert commit_groups([125] * 8) == [{"commits": 125, "members": 8}]
    assert commit_groups([50, 30, 0, 20, 30]) == [{"commits": 50, "members": 1}, {"commits": 30, "members": 2}, {"commits": 20, "members": 1}]
    assert commit_groups([]) == []


@pytest.mark.parametrize(
    ("tag", "scheme"),
    [
        ("v1.2.3", "semver"), ("1.0.0-rc.1", "semver"), ("release-2.0.0", "semver"), ("v1.0.0+build.5", "semver"),
        ("2024.05", "calver"), ("v2024.5.1", "calver"), ("2023-11-02", "calver"),
        ("v1", "numeric"), ("1.2", "numeric"), ("2.0rc1", "numeric"),
        ("latest", "other"), ("prod-deploy", "other"), ("v1.2.3.4.x", "other"),
    ],
)
def test_scheme_of(tag: str, scheme: str) -> None:
    assert scheme_of(tag) == scheme

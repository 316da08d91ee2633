"""The governance collector on real repositories: documents, topics, channels, never an address."""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dpgcheck.collect.collectors import governance_facts as collector
from dpgcheck.collect.facts import collect_repository
from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.governance.contacts import contact_kinds
from tests.conftest import validate_facts_document

GOVERNANCE_MD = """# Governance of the Civil Registry

## Mission
Our mission is to give every municipality a civil registry it can run and change.

## Vision
A registry shared by several governments instead of one copy per country.

## Values
Openness, privacy by design and shared stewardship.

## Roles and responsibilities
Maintainers review and merge changes. Contributors propose them.

## Steering committee
The steering committee has one member per participating government.
New members are admitted by a vote of the committee.

### Decision making
Decisions are made by consensus. When consensus cannot be reached the committee votes,
and a proposal passes with a two-thirds majority of the members.

## Funding
The project is funded by the participating governments through a joint budget.

## Changes to this governance
Amendments to this document need unanimity.
"""

SECURITY_MD = """# Security policy

## Supported versions
Security updates are provided for the latest minor release.

## Reporting a vulnerability
Do not open a public issue. Report it privately through
https://github.com/example/registry/security/advisories/new or write to security@registry.example.org
(our OpenPGP key is in KEYS.asc). We acknowledge reports within 3 business days and publish a fix
and an advisory within 90 days.
"""

CHARTER = "# Charter\n\nThe steering committee members are appointed by each government.\n"

COVENANT_WITH_PLACEHOLDER = """# Contributor Covenant Code of Conduct

## Enforcement
Instances of abusive, harassing, or otherwise unacceptable behavior may be
reported to the community leaders responsible for enforcement at
[INSERT CONTACT METHOD].
"""

CONDUCT_WITH_FORM = """Code of conduct
===============

Reporting
---------
Report incidents with the form at https://registry.example.org/conduct-report
"""


def section_of(root: Path) -> dict[str, Any]:
    """Only this collector's section, validated against its schema (the whole document is checked once below)."""
    view = RepoView.open(root)
    section = collector.collect(view, CollectOptions())
    validate_facts_document(section, "governance")
    return section


def test_empty_repository(make_repo: Callable[..., Path]) -> None:
    assert section_of(make_repo({"main.py": "print('hi')\n"})) == collector.empty()


def test_jointly_governed_repository(make_repo: Callable[..., Path]) -> None:
    root = make_repo({
        "GOVERNANCE.md": GOVERNANCE_MD,
        ".github/SECURITY.md": SECURITY_MD,
        "docs/CODE_OF_CONDUCT.md": CONDUCT_WITH_FORM,
        ".github/FUNDING.yml": "github: [registry-maintainer]\nopen_collective: civil-registry\nko_fi:\ncustom: ['https://registry.example.org/support']\nnew_platform: x\n",
        ".github/CODEOWNERS": "# owners\n*       @example/maintainers @example/it-ministry\n/docs/  docs-team@registry.example.org\n[Section]\n",
        "CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n\n## [2.1.0] - 2026-02-01\n### Fixed\n- x\n\n## [2.0.0] - 2025-10-01\n",
        "README.md": "# Civil Registry\n\nSee the [roadmap](https://registry.example.org/roadmap).\n",
        "governance/charter.md": CHARTER,
    })
    facts = section_of(root)
    assert facts["documents"]["governance"] == [
        {"path": "GOVERNANCE.md", "location": "root", "size": len(GOVERNANCE_MD.encode()), "topics": [
            "amendments", "decision_making", "funding", "governance", "membership", "mission", "roles",
            "steering_body", "values", "vision", "voting", "voting_thresholds",
        ]},
        {"path": "governance/charter.md", "location": "governance", "size": len(CHARTER), "topics": ["membership", "steering_body"]},
    ]
    assert facts["topics"] == {
        "amendments": ["GOVERNANCE.md"],
        "code_of_conduct_enforcement": ["docs/CODE_OF_CONDUCT.md"],
        "conflict_resolution": [],
        "decision_making": ["GOVERNANCE.md"],
        "funding": ["GOVERNANCE.md"],
        "governance": ["GOVERNANCE.md"],
        "membership": ["GOVERNANCE.md", "governance/charter.md"],
        "mission": ["GOVERNANCE.md"],
        "release_process": [],
        "roadmap": ["README.md"],
        "roles": ["GOVERNANCE.md"],
        "steering_body": ["GOVERNANCE.md", "governance/charter.md"],
        "values": ["GOVERNANCE.md"],
        "vision": ["GOVERNANCE.md"],
        "voting": ["GOVERNANCE.md"],
        "voting_thresholds": ["GOVERNANCE.md"],
    }
    assert facts["security"] == {
        "path": ".github/SECURITY.md", "private_channels": ["advisory", "email"], "pgp": True,
        "disclosure_timeline": True, "supported_versions": True,
    }
    assert facts["code_of_conduct"] == {
        "path": "docs/CODE_OF_CONDUCT.md", "enforcement_section": True, "enforcement_contacts": ["form"], "placeholder": False,
    }
    assert facts["funding"] == {"path": ".github/FUNDING.yml", "parsed": True, "platforms": ["custom", "github", "open_collective", "other"]}
    assert facts["codeowners"] == {"path": ".github/CODEOWNERS", "rules": 2, "owners": 3, "teams": 2}
    assert facts["changelog"] == {"path": "CHANGELOG.md", "entries": 2, "latest_version": "2.1.0", "unreleased_section": True, "release_notes_link": False}
    assert [d["path"] for d in facts["documents"]["readme"]] == ["README.md"]


def test_no_address_or_handle_is_recorded(make_repo: Callable[..., Path]) -> None:
    root = make_repo({
        "SECURITY.md": SECURITY_MD.replace("security@registry.example.org", "maria.exemplo@gmail.com"),
        "CODE_OF_CONDUCT.md": "# Code of conduct\n\n## Enforcement\nWrite to jane.doe@example.org or call +39 06 1234 5678.\n",
        "CODEOWNERS": "* @jane-doe maria.exemplo@gmail.com\n",
    })
    facts = collect_repository(root)
    validate_facts_document(facts)
    text = json.dumps(facts)
    for personal in ("maria", "jane", "1234 5678", "gmail"):
        assert personal not in text.lower()
    assert facts["governance"]["code_of_conduct"]["enforcement_contacts"] == ["email"]
    assert facts["governance"]["security"]["private_channels"] == ["advisory", "email"]


def test_covenant_placeholder_is_not_a_contact(make_repo: Callable[..., Path]) -> None:
    facts = section_of(make_repo({"CODE_OF_CONDUCT.md": COVENANT_WITH_PLACEHOLDER}))
    assert facts["code_of_conduct"] == {
        "path": "CODE_OF_CONDUCT.md", "enforcement_section": True, "enforcement_contacts": [], "placeholder": True,
    }
    assert facts["topics"]["code_of_conduct_enforcement"] == ["CODE_OF_CONDUCT.md"]


def test_security_policy_that_points_to_public_issues(make_repo: Callable[..., Path]) -> None:
    text = "# Security\n\nPlease open an issue at https://github.com/example/registry/issues/new.\n"
    assert section_of(make_repo({"SECURITY.md": text}))["security"] == {
        "path": "SECURITY.md", "private_channels": [], "pgp": False, "disclosure_timeline": False, "supported_versions": False,
    }


def test_security_platform_and_form(make_repo: Callable[..., Path]) -> None:
    text = "Security\n========\n\nReport through https://hackerone.com/registry or https://registry.example.org/security/report-form\n"
    assert section_of(make_repo({"docs/SECURITY.rst": text}))["security"]["private_channels"] == ["form", "platform"]


def test_passing_mentions_are_not_topics(make_repo: Callable[..., Path]) -> None:
    readme = "# Registry\n\nThe maintainer decided to vote for tabs. Our goals page lists features.\n"
    topics = section_of(make_repo({"README.md": readme}))["topics"]
    assert {name for name, paths in topics.items() if paths} == {"voting"}


def test_headings_in_code_fences_are_ignored(make_repo: Callable[..., Path]) -> None:
    readme = "# Registry\n\n```\n# Governance\n## Funding\n```\n"
    topics = section_of(make_repo({"README.md": readme}))["topics"]
    assert topics["governance"] == [] and topics["funding"] == []


def test_plain_text_news_file(make_repo: Callable[..., Path]) -> None:
    news = "Version 1.4 (2026-01-10)\n  * faster import\n\nVersion 1.3 (2025-08-02)\n  * first public release\n"
    assert section_of(make_repo({"NEWS": news}))["changelog"] == {"path": "NEWS", "entries": 2, "latest_version": "1.4", "unreleased_section": False, "release_notes_link": False}


def test_news_page_names_releases_after_the_product(make_repo: Callable[..., Path]) -> None:
    # a news page of links whose text is "<product> v<version>" (issue 17: ODK Central's docs/news.html)
    news = '<div>\n  <a href="https://forum.registry.example/t/9">\n    Registry Core v2026.1.0\n  </a>\n  <a href="https://forum.registry.example/t/8">\n    Registry Core v2025.4.4\n  </a>\n</div>\n'
    assert section_of(make_repo({"docs/news.html": news}))["changelog"] == {
        "path": "docs/news.html", "entries": 2, "latest_version": "2026.1.0", "unreleased_section": False, "release_notes_link": False}


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("# Release notes\n\nThe release notes moved to [the documentation site](https://docs.registry.example/core/releases/).\n", True),
        ("Changelog\n=====\n\nPlease see https://wiki.registry.example/display/REG/Release+Folders\n", True),
        ("# News\n\nRead our blog at https://blog.registry.example/ for updates.\n", False),  # neither the address nor the words say release notes
        ("# Changelog\nBased on [Keep a Changelog](https://keepachangelog.com/).\n\n## [Unreleased]\n- faster\n", False),  # a changelog of its own
    ],
)
def test_changelog_that_points_to_release_notes_elsewhere(make_repo: Callable[..., Path], text: str, linked: bool) -> None:
    changelog = section_of(make_repo({"CHANGELOG.md": text}))["changelog"]
    assert (changelog["entries"], changelog["release_notes_link"]) == (0, linked)


def test_funding_file_bomb_and_garbage_are_problems(make_repo: Callable[..., Path]) -> None:
    root = make_repo({".github/FUNDING.yml": "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"})
    view = RepoView.open(root)
    facts = collector.collect(view, CollectOptions())
    assert facts["funding"] == {"path": ".github/FUNDING.yml", "parsed": False, "platforms": []}
    assert [(p["source"], p["code"], p["path"]) for p in view.problems] == [("governance", "too-many-aliases", ".github/FUNDING.yml")]


def test_large_document_is_not_read(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"GOVERNANCE.md": "# Governance\n" + "decision making " * 40_000})
    view = RepoView.open(root)
    facts = collector.collect(view, CollectOptions())
    assert facts["documents"]["governance"][0]["topics"] == []
    assert [(p["code"], p["path"]) for p in view.problems] == [("file-too-large", "GOVERNANCE.md")]


def test_pathological_text_is_scanned_in_linear_time(make_repo: Callable[..., Path]) -> None:
    # unclosed HTML headings, unterminated placeholders and long blank runs once made the scan quadratic
    text = "<h1>" * 20_000 + "\n" * 20_000 + "[insert contact " * 5_000 + "/-/issues/new?" * 5_000 + "# " + " " * 50_000 + "x\n"
    root = make_repo({"CODE_OF_CONDUCT.md": text}, use_git=False)
    started = time.perf_counter()
    facts = collector.collect(RepoView.open(root), CollectOptions())
    assert time.perf_counter() - started < 5
    assert facts["code_of_conduct"]["path"] == "CODE_OF_CONDUCT.md"


def test_contact_kinds() -> None:
    cases = {
        "write to security at registry dot example dot org": ["email"],
        "[email us](mailto:conduct@registry.example.org)": ["email"],
        "use the Security tab of the repository to report it privately": ["advisory"],
        "fill in https://forms.gle/AbC123 or https://registry.example.org/report-abuse": ["form"],
        "read https://github.com/example/registry/security/policy and https://github.com/example/registry/blob/main/SECURITY.md": [],
        "open https://github.com/example/registry/issues/new": [],
        "we meet at noon": [],
        # a service-desk portal, a bug-bounty programme and a link the text calls private (issue 17: X-Road's SECURITY.md)
        "Log a ticket at https://registry.atlassian.example/servicedesk/customer/portal/4": ["form"],
        "Another alternative is our bug bounty program: [details](https://wiki.registry.example/XRDBOUNTY)": ["platform"],
        "We do not run a bug bounty programme.": [],
        "Vulnerabilities are reported privately to the [Service\nDesk](https://registry.example.org/sd/4)": ["form"],
        "Please report it privately: open https://github.com/example/registry/issues/new": [],
        "Our roadmap is at https://registry.example.org/plans": [],
        "reported to the leaders at the email: conduct AT registry.example.org.": ["email"],  # zamba's code of conduct
        "have a look at registry.example.org": [],
        "Publishing others' private information, such as a physical address, see https://www.contributor-covenant.org/faq": [],
        "Send a private report through https://registry.example.org/sd/4": ["form"],
    }
    assert {text: contact_kinds(text) for text in cases} == cases


def test_the_dpg_standards_own_governance_document(make_repo: Callable[..., Path]) -> None:
    from tests.conftest import DPGA_DATA

    source = DPGA_DATA / "dpg-standard"
    root = make_repo({name: (source / name).read_text(encoding="utf-8") for name in ("governance.md", "CHANGELOG.md")})
    facts = section_of(root)
    assert facts["documents"]["governance"][0]["topics"] == [
        "amendments", "decision_making", "governance", "release_process", "roles", "steering_body", "values", "voting", "voting_thresholds",
    ]
    assert facts["changelog"]["entries"] >= 14 and facts["changelog"]["latest_version"] is not None


def test_mission_stated_in_the_readme_as_a_quote(make_repo: Callable[..., Path]) -> None:
    # OpenCRVS's README opens with its mission in a block quote (issue 17)
    readme = "# Registry\n\n> **We are on a mission to give every person a legal identity from birth.**\n\nInstall it with make.\n"
    assert section_of(make_repo({"README.md": readme}))["topics"]["mission"] == ["README.md"]

"""The governance readers on their own: pure functions over a document's text (or bytes)."""
from __future__ import annotations

from dpgcheck.governance.changelog import read_changelog
from dpgcheck.governance.code_of_conduct import read_code_of_conduct
from dpgcheck.governance.codeowners import count_codeowners
from dpgcheck.governance.funding import Funding, read_funding
from dpgcheck.governance.security_policy import read_security_policy


def test_security_policy() -> None:
    text = ("# Security\n\n## Supported versions\nOnly 2.x.\n\nWrite to security@registry.example.org with our OpenPGP key;\n"
            "we acknowledge reports within three business days.\n")
    assert read_security_policy(text) == {"private_channels": ["email"], "pgp": True, "disclosure_timeline": True, "supported_versions": True}
    # a period that says nothing about a response is no timeline
    assert read_security_policy("Our sprints last two weeks.") == {
        "private_channels": [], "pgp": False, "disclosure_timeline": False, "supported_versions": False,
    }


def test_code_of_conduct() -> None:
    assert read_code_of_conduct("# Code\nBe kind.\n## Enforcement\nWrite to [INSERT CONTACT METHOD].\n") == {
        "enforcement_section": True, "enforcement_contacts": [], "placeholder": True,
    }
    assert read_code_of_conduct("Be kind. Reports go to https://forms.gle/AbC123\n") == {
        "enforcement_section": False, "enforcement_contacts": ["form"], "placeholder": False,
    }


def test_changelog() -> None:
    assert read_changelog("# Changelog\n## [Unreleased]\n## [2.1.0] - 2026-01-01\n## v2.0\n") == {
        "entries": 2, "latest_version": "2.1.0", "unreleased_section": True, "release_notes_link": False,
    }
    assert read_changelog("Version 3.2 - 2026\n* fix\nv3.1:\n") == {
        "entries": 2, "latest_version": "3.2", "unreleased_section": False, "release_notes_link": False,
    }
    assert read_changelog("See https://docs.example.org/releases\n") == {
        "entries": 0, "latest_version": None, "unreleased_section": False, "release_notes_link": True,
    }
    assert read_changelog("See https://docs.example.org/team\n")["release_notes_link"] is False


def test_funding() -> None:
    assert read_funding(b"github: [a]\npatreon: ''\nOpen_Collective: x\nweird: y\nother: z\n") == Funding(["github", "open_collective", "other"])
    assert read_funding(b"") == Funding([])
    assert read_funding(b"- a\n- b\n") == Funding(None, ("bad-yaml", "FUNDING.yml must be a mapping of platform to account"))
    assert read_funding(b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n") == Funding(
        None, ("too-many-aliases", "FUNDING.yml: more than 10 YAML aliases; refused as a possible alias bomb"),
    )


def test_codeowners() -> None:
    text = "# owners\n* @Org/Team @person\n[Docs]\n/docs/ docs@registry.example.org @org/team\n\n*.md  # nobody\n"
    assert count_codeowners(text) == {"rules": 3, "owners": 3, "teams": 1}
    assert count_codeowners("") == {"rules": 0, "owners": 0, "teams": 0}

"""A security policy's private route, as real DPGs write it (issue 17), through the real CLI."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_json

SERVICE_DESK = """# Security Policy

## Reporting a Vulnerability

Vulnerabilities are reported privately to the [Registry Service
Desk](https://registry.atlassian.example/servicedesk/customer/portal/4) using the
`Report a software problem` request type.

You can also take part in our bug bounty programme: [details](https://wiki.registry.example/BOUNTY).
"""
PUBLIC_TRACKER = """# Security Policy

Please report vulnerabilities privately by opening an issue at https://github.com/example/registry/issues/new.
"""


@pytest.mark.parametrize(("text", "flagged"), [(SERVICE_DESK, False), (PUBLIC_TRACKER, True)])
def test_service_desk_and_bug_bounty_are_private_a_public_tracker_is_not(make_repo: Callable[..., Path], text: str, flagged: bool) -> None:
    repo = make_repo({"README.md": "# Registry\n", "SECURITY.md": text})
    code, report = run_json("check", repo, "--profile", "procurement-minimum", "--format", "json", "--fail-on", "never",
                            "--now", "2026-08-22T00:00:00Z")
    assert code == 0
    found = [f for f in report["findings"] if f["rule_id"] == "security-private-reporting"]
    assert [(f["severity"], f["outcome"], f["location"]) for f in found] == (
        [("error", "fail", {"path": "SECURITY.md", "line": 1})] if flagged else [])

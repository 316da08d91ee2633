"""The community-file inventory: kinds, locations and name variants."""
from __future__ import annotations

import pytest

from dpgcheck.collect.file_kinds import classify
from dpgcheck.collect.facts import collect_repository
from dpgcheck.collect.repo_view import FileEntry


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("README.md", ("readme", "root")),
        ("readme", ("readme", "root")),
        ("docs/README.rst", ("readme", "docs")),
        ("src/README.md", None),
        ("LICENSE", ("license", "root")),
        ("LICENCE.txt", ("license", "root")),
        ("LICENSE-MIT", ("license", "root")),
        ("COPYING.LESSER", ("license", "root")),
        ("UNLICENSE", ("license", "root")),
        ("license_check.py", None),
        ("license_header.txt", None),  # a per-file notice template, not a licence (OpenSPP)
        ("license-header.txt", None),
        ("LICENSES/Apache-2.0.txt", ("license_text", "LICENSES")),
        ("CONTRIBUTING.md", ("contributing", "root")),
        (".github/CONTRIBUTING", ("contributing", ".github")),
        ("CODE_OF_CONDUCT.md", ("code_of_conduct", "root")),
        ("code-of-conduct.md", ("code_of_conduct", "root")),
        ("doc/CodeOfConduct.txt", ("code_of_conduct", "doc")),
        ("SECURITY.md", ("security_policy", "root")),
        ("GOVERNANCE.md", ("governance", "root")),
        ("SUPPORT.md", ("support", "root")),
        ("CHANGELOG.md", ("changelog", "root")),
        ("HISTORY.rst", ("changelog", "root")),
        ("CODEOWNERS", ("codeowners", "root")),
        (".github/CODEOWNERS", ("codeowners", ".github")),
        (".github/FUNDING.yml", ("funding", ".github")),
        ("FUNDING.yml", None),
        ("publiccode.yml", ("publiccode", "root")),
        ("publiccode.yaml", ("publiccode", "root")),
        ("docs/publiccode.yml", None),
        ("NOTICE", ("notice", "root")),
        ("MAINTAINERS", ("maintainers", "root")),
        ("ROADMAP.md", ("roadmap", "root")),
        ("dpg.json", ("dpg_record", "root")),
        ("dpg.yaml", ("dpg_record", "root")),
        ("sbom.spdx.json", ("sbom", "root")),
        ("app.cdx.json", ("sbom", "root")),
        ("bom.json", ("sbom", "root")),
        ("app-sbom.json", ("sbom", "root")),
        ("release_bom.xml", ("sbom", "root")),
        ("bom/pom.xml", None),
        ("sbom/app.spdx.json", ("sbom", "sbom")),
        ("examples/demo/sbom.spdx.json", None),
        ("dpgcheck/schemas/facts/sbom.json", None),
        ("pom.xml", None),
    ],
)
def test_classify(path, expected):
    assert classify(FileEntry(path, 1)) == expected


def test_inventory_has_every_kind_and_sizes(make_repo):
    repo = make_repo({"README.md": "hello", ".github/SECURITY.md": "report to ...", "LICENSES/MIT.txt": "MIT"})
    facts = collect_repository(repo)
    inventory = facts["files"]["inventory"]
    assert inventory["readme"] == [{"path": "README.md", "location": "root", "size": 5}]
    assert inventory["security_policy"] == [{"path": ".github/SECURITY.md", "location": ".github", "size": 13}]
    assert inventory["license_text"] == [{"path": "LICENSES/MIT.txt", "location": "LICENSES", "size": 3}]
    assert inventory["code_of_conduct"] == []
    assert facts["files"]["count"] == 3
    assert facts["files"]["directories"] == {"docs": 0, "doc": 0, ".github": 1, "LICENSES": 1}

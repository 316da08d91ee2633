"""The security collector on workflow files written to show each documented pattern and its
safe twin, in real git repositories."""
from __future__ import annotations

from pathlib import Path

import pytest

from dpgcheck.collect.facts import collect_repository
from tests.conftest import validate_facts_document

SHA = "b4ffde65f46336ab88eb53be808477a3936bae11"
DIGEST = "sha256:" + "ab" * 32


def security(repo: Path) -> dict:
    facts = collect_repository(repo)
    validate_facts_document(facts)
    return facts["security"]


PR_TARGET_CHECKOUT = """\
name: pr
on:
  pull_request_target:
    types: [opened]
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@{sha}
        with:
          ref: ${{{{ github.event.pull_request.head.sha }}}}
      - run: make test
"""


def test_untrusted_checkout_and_its_safe_twin(make_repo):
    dangerous = security(make_repo({".github/workflows/pr.yml": PR_TARGET_CHECKOUT.format(sha=SHA)}))
    assert dangerous["checkouts"] == [{
        "path": ".github/workflows/pr.yml", "line": 13, "job": "build", "ref": "${{ github.event.pull_request.head.sha }}",
        "contexts": ["github.event.pull_request.head.sha"], "triggers": ["pull_request_target"],
    }]
    safe = security(make_repo({".github/workflows/pr.yml": PR_TARGET_CHECKOUT.format(sha=SHA).replace("pull_request_target", "pull_request")}))
    assert safe["checkouts"][0]["triggers"] == ["pull_request"]


INJECTION = """\
on: issues
permissions: read-all
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - name: echo title
        run: |
          echo "checking"
          echo "${{ github.event.issue.title }}"
      - uses: actions/github-script@v7
        with:
          script: |
            console.log("${{ github.event.comment.body }}")
      - name: safe
        env:
          TITLE: ${{ github.event.issue.title }}
        run: echo "$TITLE" "${{ github.event.issue.number }}" "${{ github['head_ref'] }}"
"""


def test_script_injection_contexts_with_their_lines(make_repo):
    facts = security(make_repo({".github/workflows/triage.yml": INJECTION}))
    assert facts["expressions"] == [
        {"path": ".github/workflows/triage.yml", "line": 10, "job": "label", "field": "run", "context": "github.event.issue.title"},
        {"path": ".github/workflows/triage.yml", "line": 14, "job": "label", "field": "script", "context": "github.event.comment.body"},
        {"path": ".github/workflows/triage.yml", "line": 18, "job": "label", "field": "run", "context": "github.event.issue.number"},
        {"path": ".github/workflows/triage.yml", "line": 18, "job": "label", "field": "run", "context": "github.head_ref"},
    ]


PERMISSIONS = """\
on: [push, pull_request]
{top}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
  release:
    runs-on: ubuntu-latest
    permissions:
      contents: write
      id-token: write
      issues: read
    steps:
      - run: make release
"""


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ("permissions: read-all", {"line": 2, "level": "read-all", "write": [], "read": []}),
        ("permissions: write-all", {"line": 2, "level": "write-all", "write": [], "read": []}),
        ("permissions: {}", {"line": 2, "level": "none", "write": [], "read": []}),
        ("permissions:\n  contents: write\n  pull-requests: read", {"line": 2, "level": "scoped", "write": ["contents"], "read": ["pull-requests"]}),
        ("", None),
    ],
)
def test_token_permissions_top_and_job_level(make_repo, top, expected):
    facts = security(make_repo({".github/workflows/ci.yml": PERMISSIONS.format(top=top)}))
    workflow = facts["workflows"][0]
    assert workflow["triggers"] == ["pull_request", "push"]
    assert workflow["permissions"] == expected
    shift = top.count("\n")  # the job lines move down with a multi-line top-level block
    assert workflow["jobs"] == [
        {"id": "build", "line": 4 + shift, "permissions": None, "reusable": False},
        {"id": "release", "line": 8 + shift, "permissions": {"line": 10 + shift, "level": "scoped", "write": ["contents", "id-token"], "read": ["issues"]}, "reusable": False},
    ]


USES = f"""\
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    container: node:20
    services:
      db:
        image: postgres:16@{DIGEST}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@{SHA}
      - uses: docker/build-push-action@main
      - uses: ./.github/actions/local
      - uses: docker://alpine:3.20@{DIGEST}
      - uses: docker://alpine:3.20
  call:
    uses: org/shared/.github/workflows/build.yml@{SHA[:7]}
"""


def test_pinned_and_unpinned_references(make_repo):
    facts = security(make_repo({".github/workflows/ci.yml": USES}))
    assert [(a["line"], a["ref"], a["kind"], a["github_owned"], a["pinned"]) for a in facts["actions"]] == [
        (10, "actions/checkout@v4", "action", True, False),
        (11, f"actions/setup-node@{SHA}", "action", True, True),
        (12, "docker/build-push-action@main", "action", False, False),
        (13, "./.github/actions/local", "local", False, True),
        (14, f"docker://alpine:3.20@{DIGEST}", "docker", False, True),
        (15, "docker://alpine:3.20", "docker", False, False),
        (17, f"org/shared/.github/workflows/build.yml@{SHA[:7]}", "reusable-workflow", False, False),
    ]
    assert facts["images"] == [
        {"path": ".github/workflows/ci.yml", "line": 5, "image": "node:20", "source": "github-actions", "pinned": False, "variable": False},
        {"path": ".github/workflows/ci.yml", "line": 7, "image": f"postgres:16@{DIGEST}", "source": "github-actions", "pinned": True, "variable": False},
    ]
    assert facts["workflows"][0]["jobs"][1] == {"id": "call", "line": 16, "permissions": None, "reusable": True}


DOCKERFILE = f"""\
# syntax=docker/dockerfile:1
ARG BASE=python:3.12
FROM golang:1.22 AS build
RUN go build ./...
FROM build AS test
FROM ${{BASE}}
FROM --platform=linux/amd64 debian:12@{DIGEST}
RUN apt-get update && \\
    curl -fsSL https://example.org/install.sh \\
      | sh && \\
    echo done
RUN curl -fsSLo tool.tgz https://example.org/tool.tgz && echo "abc  tool.tgz" | sha256sum -c
FROM scratch
"""


def test_dockerfile_images_and_piped_downloads(make_repo):
    facts = security(make_repo({"docker/Dockerfile": DOCKERFILE, "docs/dockerfile.md": "FROM nowhere\n"}))
    assert facts["images"] == [
        {"path": "docker/Dockerfile", "line": 3, "image": "golang:1.22", "source": "dockerfile", "pinned": False, "variable": False},
        {"path": "docker/Dockerfile", "line": 6, "image": "${BASE}", "source": "dockerfile", "pinned": False, "variable": True},
        {"path": "docker/Dockerfile", "line": 7, "image": f"debian:12@{DIGEST}", "source": "dockerfile", "pinned": True, "variable": False},
    ]
    assert facts["downloads"] == [
        # the instruction's continuation lines are joined; the line is the one the download is on
        {"path": "docker/Dockerfile", "line": 9, "source": "dockerfile", "command": "apt-get update && curl -fsSL https://example.org/install.sh | sh && echo done"},
    ]


@pytest.mark.parametrize(
    ("script", "found"),
    [
        ("curl -sSL https://get.example.org | bash", True),
        ("wget -qO- https://get.example.org | sudo sh -", True),
        ("bash <(curl -s https://get.example.org)", True),
        ('sh -c "$(curl -fsSL https://get.example.org)"', True),
        ("curl https://get.example.org | python3 -", True),
        ("curl -o get.sh https://get.example.org && sha256sum -c get.sh.sha256 && sh get.sh", False),
        ("curl https://api.example.org | jq .version", False),
    ],
)
def test_download_then_run_in_shell_scripts(make_repo, script, found):
    facts = security(make_repo({"scripts/setup.sh": f"#!/bin/sh\nset -e\n{script}\n"}))
    assert [(d["path"], d["line"], d["source"]) for d in facts["downloads"]] == ([("scripts/setup.sh", 3, "shell")] if found else [])


GITLAB = f"""\
image: python:3.12
services:
  - name: postgres:16@{DIGEST}
stages: [test]
test:
  image:
    name: $CI_REGISTRY_IMAGE/ci:latest
  script:
    - pip install .
    - curl -s https://get.example.org | sh
.template:
  before_script: |
    echo hi
    wget -O- https://get.example.org | bash
"""


def test_gitlab_ci_images_and_scripts(make_repo):
    facts = security(make_repo({".gitlab-ci.yml": GITLAB}))
    assert facts["images"] == [
        {"path": ".gitlab-ci.yml", "line": 1, "image": "python:3.12", "source": "gitlab-ci", "pinned": False, "variable": False},
        {"path": ".gitlab-ci.yml", "line": 3, "image": f"postgres:16@{DIGEST}", "source": "gitlab-ci", "pinned": True, "variable": False},
        {"path": ".gitlab-ci.yml", "line": 6, "image": "$CI_REGISTRY_IMAGE/ci:latest", "source": "gitlab-ci", "pinned": False, "variable": True},
    ]
    assert [(d["line"], d["command"]) for d in facts["downloads"]] == [
        (10, "curl -s https://get.example.org | sh"),
        (14, "wget -O- https://get.example.org | bash"),
    ]
    assert [j["id"] for j in facts["workflows"][0]["jobs"]] == ["test", ".template"]


def test_update_tools_and_fuzzing(make_repo):
    facts = security(make_repo({
        ".github/dependabot.yml": "version: 2\nupdates: []\n",
        "renovate.json": "{}\n",
        "parse/parse_test.go": "package parse\n\nimport \"testing\"\n\nfunc FuzzParse(f *testing.F) {\n}\n",
        ".clusterfuzzlite/project.yaml": "language: go\n",
        "web/package.json": '{"devDependencies": {"fast-check": "^3"}}\n',
        "plain/other_test.go": "package plain\n\nfunc TestX(t *testing.T) {}\n",
    }))
    assert facts["dependency_update_tools"] == [{"path": ".github/dependabot.yml", "tool": "dependabot"}, {"path": "renovate.json", "tool": "renovate"}]
    assert facts["fuzzing"] == [
        {"path": ".clusterfuzzlite/project.yaml", "kind": "clusterfuzzlite", "line": None},
        {"path": "parse/parse_test.go", "kind": "go-native", "line": 5},
        {"path": "web/package.json", "kind": "property-based:fast-check", "line": 1},
    ]


ELF = b"\x7fELF\x02\x01\x01" + b"\0" * 57
CLASS = b"\xca\xfe\xba\xbe\x00\x00\x00\x3d" + b"\0" * 56
PYC = (3495).to_bytes(2, "little") + b"\r\n" + b"\0" * 12
PE = b"MZ" + b"\0" * 58 + (128).to_bytes(4, "little") + b"\0" * 64


def test_binary_artefacts_by_content_not_by_name(make_repo):
    facts = security(make_repo({
        "bin/notes.txt": ELF,  # an executable named like text
        "tools/setup.exe": "this is a text file, not a program\n",
        "lib/Main.class": CLASS,
        "app/__pycache__/mod.cpython-311.pyc": PYC,
        "win/tool.dll": PE,
        "vendor/github.com/x/lib.so": ELF,
        "tests/fixtures/sample.class": CLASS,
        "gradle/wrapper/gradle-wrapper.jar": b"PK\x03\x04" + b"\0" * 60,
        "data/archive.zip": b"PK\x03\x04" + b"\0" * 60,
        "start.ab": b"ab\r\n" + b"x" * 20,
    }))
    assert facts["binaries"] == [
        {"path": "app/__pycache__/mod.cpython-311.pyc", "kind": "python-bytecode", "place": "source", "size": len(PYC)},
        {"path": "bin/notes.txt", "kind": "elf", "place": "source", "size": len(ELF)},
        {"path": "gradle/wrapper/gradle-wrapper.jar", "kind": "java-archive", "place": "wrapper", "size": 64},
        {"path": "lib/Main.class", "kind": "java-class", "place": "source", "size": len(CLASS)},
        {"path": "tests/fixtures/sample.class", "kind": "java-class", "place": "test-fixture", "size": len(CLASS)},
        {"path": "vendor/github.com/x/lib.so", "kind": "elf", "place": "vendored", "size": len(ELF)},
        {"path": "win/tool.dll", "kind": "pe", "place": "source", "size": len(PE)},
    ]


def test_record_and_empty_repository_have_empty_lists(make_repo):
    facts = security(make_repo({"README.md": "# x\n"}))
    assert facts == {
        "workflow_count": 0, "workflows": [], "actions": [], "images": [], "downloads": [], "checkouts": [], "expressions": [],
        "dependency_update_tools": [], "binaries": [], "fuzzing": [],
    }

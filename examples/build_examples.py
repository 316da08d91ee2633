#!/usr/bin/env python3
"""Build sample repositories with real git history for dpgcheck's history rules.

    python examples/build_examples.py TARGET_DIR [--now 2026-11-25T00:00:00Z] [--force]

creates, under TARGET_DIR:

* ``compliant/`` and ``non-compliant/`` — the files tracked in ``examples/compliant``
  and ``examples/non-compliant``, committed with a history: the first by two
  ministries of health and a university over two years, with tagged releases; the
  second by one developer over a few months. These are the quick start's examples:
  with a history, every rule can judge them.
* ``multi-government-dpg/`` — a public good co-developed by three governments
  (Kenya, Brazil, India) with a university and a few volunteers; maintainers
  from three organisations, quarterly release tags, activity up to a few days
  before ``--now``. It passes the ``joint-governance`` profile.
* ``single-vendor/`` — the same documents, but every commit and every
  maintainer comes from one company: it fails the stewardship rules
  (elephant-factor, maintainers-multiple-organisations).
* ``abandoned/`` — two organisations wrote it, the last commit and release
  are three years before ``--now``: it fails actively-maintained.

Dates are computed back from ``--now`` (default: the current UTC time, to the
day), so a repository built with ``--now X`` and checked with
``dpgcheck check --now X`` gives the same result on any day. History is written
with ``git fast-import`` (fast and byte-for-byte reproducible for the same
``--now``). Addresses are fictional; no real person is named.
"""
from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

DAY = 86_400
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "LC_ALL": "C",
}


# --- a minimal fast-import writer ------------------------------------------------


@dataclass
class Commit:
    when: int  # unix time, UTC
    email: str
    name: str
    message: str
    files: dict[str, str] = field(default_factory=dict)


@dataclass
class Tag:
    name: str
    commit_index: int  # which commit it points at
    when: int
    message: str


def fast_import_stream(commits: list[Commit], tags: list[Tag], branch: str = "main") -> bytes:
    """A ``git fast-import`` stream: the commits in order on ``branch``, then annotated tags."""
    out: list[bytes] = []
    for index, item in enumerate(commits, start=1):
        message = item.message.encode("utf-8")
        out.append(f"commit refs/heads/{branch}\nmark :{index}\n".encode())
        out.append(f"author {item.name} <{item.email}> {item.when} +0000\n".encode())
        out.append(f"committer {item.name} <{item.email}> {item.when} +0000\n".encode())
        out.append(f"data {len(message)}\n".encode() + message + b"\n")
        if index > 1:
            out.append(f"from :{index - 1}\n".encode())
        for path, content in sorted(item.files.items()):
            data = content.encode("utf-8")
            out.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        out.append(b"\n")
    for tag in tags:
        message = tag.message.encode("utf-8")
        tagger = commits[tag.commit_index]
        out.append(f"tag {tag.name}\nfrom :{tag.commit_index + 1}\n".encode())
        out.append(f"tagger {tagger.name} <{tagger.email}> {tag.when} +0000\n".encode())
        out.append(f"data {len(message)}\n".encode() + message + b"\n")
    return b"".join(out)


def git(repo: Path, *args: str, stdin: bytes | None = None) -> None:
    subprocess.run(["git", "-C", str(repo), *args], input=stdin, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


def write_repository(path: Path, commits: list[Commit], tags: list[Tag], extra_untracked: dict[str, str] | None = None) -> None:
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "fast-import", "--quiet", stdin=fast_import_stream(commits, tags))
    git(path, "reset", "-q", "--hard", "main")


# --- the documents ---------------------------------------------------------------

MIT = """MIT License

Copyright (c) {year} {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


@dataclass(frozen=True)
class Project:
    slug: str
    name: str
    holder: str
    members: tuple[tuple[str, str], ...]  # (organisation, maintainer address)
    contact: str  # a role address, not a person's
    funders: tuple[str, ...]


def documents(project: Project, now: datetime, version: str, release_day: str) -> dict[str, str]:
    members = "\n".join(f"- {org}" for org, _ in project.members)
    maintainers = "\n".join(f"- Maintainer for {org} <{address}>" for org, address in project.members)
    funders = "\n".join(f"- {funder}" for funder in project.funders)
    used_by = "\n".join(f"  - {org}" for org in dict.fromkeys(org for org, _ in project.members))
    funded_by = "\n".join(
        f"  - name: {funder}\n    uri: https://funders.example.net/{funder.lower().replace(' ', '-')}" for funder in project.funders
    )
    return {
        "README.md": f"""# {project.name}

{project.name} keeps civil registration records (births, deaths, marriages) for
public administrations. It is a digital public good: open source under the MIT
licence, documented, and governed jointly by the organisations that use it.

## Install

    pip install {project.slug}

## Documentation

See [docs/](docs/) and the [governance](GOVERNANCE.md), [contribution](CONTRIBUTING.md)
and [security](SECURITY.md) policies.

## Privacy

The software stores personal data only in the deployer's own database and
ships with data-protection defaults: see docs/privacy.md.
""",
        "LICENSE": MIT.format(year=now.year, holder=project.holder),
        "CONTRIBUTING.md": f"""# Contributing to {project.name}

We welcome contributions from anyone. Open an issue to discuss a change, then a
pull request. Every change needs a review by a maintainer from another
organisation than the author's. Sign off your commits (DCO); no copyright
assignment is asked for.
""",
        "CODE_OF_CONDUCT.md": f"""# Code of conduct

We follow the Contributor Covenant, version 2.1.

## Enforcement

Report unacceptable behaviour to the code of conduct committee at
{project.contact.replace("security", "conduct")}. All complaints will be reviewed and investigated
promptly and fairly; the committee will keep the reporter's identity confidential.
""",
        "SECURITY.md": f"""# Security policy

## Reporting a vulnerability

Do not open a public issue. Report vulnerabilities privately by e-mail to
{project.contact}, or through the forge's private security advisory form.

We acknowledge reports within 3 working days and aim to publish a fix within
90 days, following coordinated disclosure.
""",
        "GOVERNANCE.md": f"""# Governance of {project.name}

## Mission

Give every public administration a reliable, open civil registration system.

## Vision

Civil registration that any country can adopt, adapt and improve together.

## Values

Openness, shared stewardship, privacy by design, and accessibility.

## Members

{members}

## Roles and responsibilities

Contributors propose changes; maintainers review and merge them; the steering
committee sets the roadmap and budget.

## Steering committee

The steering committee has one seat per member organisation. No single
organisation may hold a majority of the seats.

## Decision making

Decisions are made by consensus in public issues. When consensus cannot be
reached, the steering committee votes.

## Voting

A vote passes with a two-thirds majority of the seats; votes are recorded
publicly in the repository.

## Funding

The members fund the work jointly; contributions and budgets are published
yearly in docs/funding.md. Funded by:

{funders}

## Amendments

This document can be amended by a two-thirds majority vote of the steering
committee, after a 30-day public comment period.

## Conflict resolution

Conflicts are first discussed between the parties, then mediated by the
steering committee.

## Code of conduct enforcement

The code of conduct committee, named by the steering committee, enforces the
code of conduct (see CODE_OF_CONDUCT.md).
""",
        "MAINTAINERS.md": f"# Maintainers\n\n{maintainers}\n",
        "ROADMAP.md": f"# Roadmap\n\n## {now.year + 1}\n\n- Offline registration for rural offices\n- Audit log export\n",
        "CHANGELOG.md": f"# Changelog\n\n## {version} - {release_day}\n\n- Audit log for record changes\n\n## 1.0.0\n\n- First release\n",
        ".github/FUNDING.yml": "custom:\n  - https://opencollective.com/civic-registry-example\n",
        "publiccode.yml": f"""publiccodeYmlVersion: "0"
name: {project.name}
url: "https://git.example.net/{project.slug}/{project.slug}.git"
softwareVersion: "{version}"
releaseDate: "{release_day}"
platforms:
  - web
categories:
  - data-collection
usedBy:
{used_by}
fundedBy:
{funded_by}
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: Civil registration records for public administrations.
    longDescription: >
      {project.name} keeps civil registration records (births, deaths and
      marriages) for public administrations. It is co-developed by several
      organisations under a shared governance and can be adopted, adapted and
      improved by any country that needs a civil registration system.
    features:
      - Birth, death and marriage registration
      - Audit log of record changes
legal:
  license: MIT
maintenance:
  type: community
  contacts:
    - name: Steering committee
      email: {project.contact.replace("security", "steering")}
localisation:
  localisationReady: true
  availableLanguages:
    - en
    - pt
    - fr
""",
        "sbom.spdx.json": f"""{{
  "spdxVersion": "SPDX-2.3",
  "dataLicense": "CC0-1.0",
  "SPDXID": "SPDXRef-DOCUMENT",
  "name": "{project.slug}-{version}",
  "documentNamespace": "https://git.example.net/{project.slug}/spdx/{version}",
  "creationInfo": {{"created": "{release_day}T00:00:00Z", "creators": ["Tool: build_examples.py", "Organization: {project.holder}"]}},
  "packages": [
    {{
      "name": "{project.slug}",
      "SPDXID": "SPDXRef-Package",
      "versionInfo": "{version}",
      "supplier": "Organization: {project.holder}",
      "downloadLocation": "https://git.example.net/{project.slug}/{project.slug}.git",
      "licenseConcluded": "MIT",
      "licenseDeclared": "MIT",
      "copyrightText": "Copyright {now.year} {project.holder}",
      "externalRefs": [{{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:pypi/{project.slug}@{version}"}}]
    }}
  ],
  "relationships": [{{"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-Package"}}]
}}
""",
        "docs/index.md": f"# {project.name} documentation\n\nInstallation, configuration and operation guides.\n",
        "docs/privacy.md": "# Privacy\n\nPersonal data stays in the deployer's database; access is logged.\n",
        "pyproject.toml": f'[project]\nname = "{project.slug}"\nversion = "{version}"\nlicense = "MIT"\n',
        "src/registry/__init__.py": f'"""{project.name}."""\n__version__ = "{version}"\n',
    }


# --- the three histories ---------------------------------------------------------


def _history(
    now: datetime,
    project: Project | Callable[[str, str], dict[str, str]],
    authors: list[tuple[str, int]],  # (address, weight)
    *,
    start_days_ago: int,
    end_days_ago: int,
    every_days: int,
    tag_every: int,
    churn: Callable[[int], dict[str, str]] | None = None,
) -> tuple[list[Commit], list[Tag], dict[str, str]]:
    """Commits every ``every_days`` from ``start_days_ago`` to ``end_days_ago``, authors in weighted rotation.

    ``project`` gives the documents of the first and the last commit: a :class:`Project`
    whose documents are written from templates, or a function of (version, release day)
    that returns fixed files. ``churn(i)`` gives the files that commit ``i`` changes in
    between; the last commit restores the documents, so the tree ends as they say.
    """
    rotation = [address for address, weight in authors for _ in range(weight)]
    stride = next(k for k in range(7, 7 + len(rotation) + 1) if math.gcd(k, len(rotation)) == 1)
    end = int(now.timestamp()) - end_days_ago * DAY
    times = list(range(int(now.timestamp()) - start_days_ago * DAY, end + 1, every_days * DAY))
    if times[-1] != end:
        times.append(end)
    tag_points = [i for i in range(len(times)) if i > 0 and i % tag_every == 0 and i < len(times) - 3]
    version = f"1.{len(tag_points) - 1}.0" if tag_points else "1.0.0"
    release_day = datetime.fromtimestamp(times[tag_points[-1]] if tag_points else times[0], tz=timezone.utc).date().isoformat()
    base = documents(project, now, version, release_day) if isinstance(project, Project) else project(version, release_day)
    commits: list[Commit] = []
    for i, when in enumerate(times):
        # Spread authors so that every window sees the weighted mix: stride through the rotation.
        address = rotation[(i * stride) % len(rotation)]
        if i == 0:
            files, message = dict(base), "Initial import"
        else:
            files = churn(i) if churn else {f"src/registry/module_{i % 5}.py": f'"""Part {i % 5} of the registry."""\nREVISION = {i}\n'}
            message = f"Improve module {i % 5} (change {i})"
        if i == len(times) - 1:
            files = {**files, **base}
        commits.append(Commit(when=when, email=address, name=f"Contributor {address.split('@')[1]}", message=message, files=files))
    tags = [Tag(name=f"v1.{n}.0", commit_index=i, when=times[i] + 3600, message=f"Release 1.{n}.0") for n, i in enumerate(tag_points)]
    return commits, tags, base


def multi_government(now: datetime) -> tuple[list[Commit], list[Tag]]:
    project = Project(
        slug="civic-registry",
        name="Civic Registry",
        holder="The Civic Registry members",
        members=(
            ("Ministry of ICT, Kenya", "registry-maintainers@ictagency.go.ke"),
            ("Ministry of Management and Innovation, Brazil", "registro-civil@gestao.gov.br"),
            ("National e-Governance Division, India", "civic-registry@negd.gov.in"),
        ),
        contact="security@civic-registry.example.org",
        funders=("Government of Kenya", "Government of Brazil", "Government of India"),
    )
    authors = [
        ("amina@dev.ictagency.go.ke", 4), ("otieno@ictagency.go.ke", 3),
        ("joao@gestao.gov.br", 3), ("mariana@labs.gestao.gov.br", 3),
        ("priya@negd.gov.in", 3), ("raj@negd.gov.in", 1),
        ("wanjiru@uonbi.ac.ke", 1),
        ("volunteer.one@gmail.com", 1), ("volunteer.two@proton.me", 1),
        ("amina.k@gmail.com", 1),  # the same person as amina@dev.ictagency.go.ke: see .mailmap
    ]
    commits, tags, _ = _history(now, project, authors, start_days_ago=730, end_days_ago=3, every_days=4, tag_every=23)
    commits[0].files[".mailmap"] = "Amina <amina@dev.ictagency.go.ke> <amina.k@gmail.com>\n"
    return commits, tags


def single_vendor(now: datetime) -> tuple[list[Commit], list[Tag]]:
    project = Project(
        slug="registry-suite",
        name="Registry Suite",
        holder="Acme GovTech Ltd",
        members=(("Acme GovTech Ltd", "maintainers@acme-govtech.example"), ("Acme GovTech Ltd", "lead@eng.acme-govtech.example")),
        contact="security@acme-govtech.example",
        funders=("Acme GovTech Ltd",),
    )
    authors = [("dev1@eng.acme-govtech.example", 5), ("dev2@acme-govtech.example", 4), ("dev3@build.acme-govtech.example", 3), ("consultant@ictagency.go.ke", 1)]
    commits, tags, _ = _history(now, project, authors, start_days_ago=540, end_days_ago=5, every_days=4, tag_every=23)
    return commits, tags


def abandoned(now: datetime) -> tuple[list[Commit], list[Tag]]:
    project = Project(
        slug="old-registry",
        name="Old Registry",
        holder="The Old Registry contributors",
        members=(("Ministry of ICT, Kenya", "old-registry@ictagency.go.ke"), ("Ministry of Management and Innovation, Brazil", "old-registry@gestao.gov.br")),
        contact="security@old-registry.example.org",
        funders=("Government of Kenya", "Government of Brazil"),
    )
    authors = [("amina@ictagency.go.ke", 2), ("joao@gestao.gov.br", 2), ("priya@negd.gov.in", 1)]
    commits, tags, _ = _history(now, project, authors, start_days_ago=5 * 365, end_days_ago=3 * 365, every_days=5, tag_every=30)
    return commits, tags


# --- the two quick-start examples: the files tracked in examples/, given a history ----

HERE = Path(__file__).resolve().parent


def tracked_files(directory: Path) -> dict[str, str]:
    """Every file under ``directory`` (text only: the examples hold no binaries)."""
    return {
        path.relative_to(directory).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(directory.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(directory).parts
    }


def compliant(now: datetime) -> tuple[list[Commit], list[Tag]]:
    """examples/compliant with two years of work by two ministries and a university, tagged releases."""
    files = tracked_files(HERE / "compliant")
    header = "# SPDX-FileCopyrightText: 2024 The OpenClinic contributors\n# SPDX-License-Identifier: MIT\n\n"
    authors = [
        ("wanjiku@health.go.ke", 4), ("omondi@health.go.ke", 2),
        ("kofi@moh.gov.gh", 3), ("abena@moh.gov.gh", 2),
        ("achieng@uonbi.ac.ke", 2),
    ]
    commits, tags, _ = _history(
        now, lambda version, day: files, authors,
        start_days_ago=730, end_days_ago=2, every_days=6, tag_every=20,
        churn=lambda i: {"src/openclinic/__init__.py": f'{header}"""OpenClinic: appointment queues for public clinics."""\n__version__ = "1.{i // 20}.0.dev{i}"\n'},
    )
    return commits, tags


def non_compliant(now: datetime) -> tuple[list[Commit], list[Tag]]:
    """examples/non-compliant: one developer at one company, a few months of commits, no release."""
    files = tracked_files(HERE / "non-compliant")
    commits, tags, _ = _history(
        now, lambda version, day: files, [("dev@quickqueue-internal.example", 1)],
        start_days_ago=120, end_days_ago=10, every_days=15, tag_every=1000,
        churn=lambda i: {"src/app.py": f"# quickqueue\nREVISION = {i}\n"},
    )
    return commits, tags


EXAMPLES = {
    "compliant": compliant,
    "non-compliant": non_compliant,
    "multi-government-dpg": multi_government,
    "single-vendor": single_vendor,
    "abandoned": abandoned,
}


def parse_now(value: str | None) -> datetime:
    if value is None:
        return datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise SystemExit(f"--now {value!r} has no time zone; add Z")
    return parsed.astimezone(timezone.utc)


def build(target: Path, now: datetime, *, force: bool = False) -> list[Path]:
    built = []
    for name, make in EXAMPLES.items():
        path = target / name
        if path.exists():
            if not force:
                raise SystemExit(f"{path} exists; pass --force to rebuild it")
            shutil.rmtree(path)
        commits, tags = make(now)
        write_repository(path, commits, tags)
        built.append(path)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="directory to create the example repositories in")
    parser.add_argument("--now", help="the date the histories lead up to (RFC 3339, default: today, UTC)")
    parser.add_argument("--force", action="store_true", help="replace existing example repositories")
    args = parser.parse_args(argv)
    now = parse_now(args.now)
    args.target.mkdir(parents=True, exist_ok=True)
    for path in build(args.target, now, force=args.force):
        print(path)
    print(f"histories lead up to {now.strftime('%Y-%m-%dT%H:%M:%SZ')}: check with --now {now.strftime('%Y-%m-%dT%H:%M:%SZ')}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Repositories for the hook benchmarks, built with `git fast-import` (fast and reproducible).

``reuse_tool_like`` has the shape of fsfe/reuse-tool: 175 files (Python sources and tests
with SPDX headers, LICENSES/, REUSE.toml, documentation, a pyproject.toml), about 3,000
commits by a few dozen people from several organisations and 55 release tags. ``large``
has 4,000 files in 200 directories and 500 commits. Addresses are fictional.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import GIT_ENV, ROOT

START = 1_500_000_000  # 2017-07-14
STEP = 30_000  # about 8 hours between commits
ORGANISATIONS = ("example.org", "example.net", "example.com", "uni.example.edu", "gov.example")


def _license_text(name: str) -> str:
    if name == "Apache-2.0":
        return (ROOT / "LICENSE").read_text(encoding="utf-8")
    return f"{name} licence text (benchmark stand-in)\n" * 20


def reuse_tool_like_files() -> dict[str, str]:
    header = "# SPDX-FileCopyrightText: 2017 Example Contributors\n#\n# SPDX-License-Identifier: GPL-3.0-or-later\n\n"
    files: dict[str, str] = {}
    for i in range(60):
        body = "".join(f"def function_{i}_{j}(value):\n    \"\"\"Return a value.\"\"\"\n    return value + {j}\n\n\n" for j in range(25))
        files[f"src/tool/module_{i:02d}.py"] = header + f'"""Module {i}."""\n\n' + body
    for i in range(60):
        body = "".join(f"def test_{i}_{j}():\n    assert {j} == {j}\n\n\n" for j in range(15))
        files[f"tests/test_module_{i:02d}.py"] = header + body
    for i in range(31):
        files[f"docs/page_{i:02d}.md"] = f"<!--\nSPDX-FileCopyrightText: 2017 Example Contributors\n\nSPDX-License-Identifier: CC-BY-SA-4.0\n-->\n\n# Page {i}\n\n" + "Text.\n" * 40
    for i in range(12):
        files[f"po/lang_{i:02d}.po"] = "# SPDX-FileCopyrightText: 2017 Example Contributors\n# SPDX-License-Identifier: GPL-3.0-or-later\n" + 'msgid "x"\nmsgstr "y"\n' * 30
    for name in ("Apache-2.0", "CC-BY-SA-4.0", "CC0-1.0", "GPL-3.0-or-later", "LicenseRef-Example"):
        files[f"LICENSES/{name}.txt"] = _license_text(name)
    files["REUSE.toml"] = 'version = 1\n\n[[annotations]]\npath = ["po/**", "*.json"]\nSPDX-FileCopyrightText = "2017 Example Contributors"\nSPDX-License-Identifier = "CC0-1.0"\n'
    files["README.md"] = "<!--\nSPDX-FileCopyrightText: 2017 Example Contributors\n\nSPDX-License-Identifier: CC-BY-SA-4.0\n-->\n\n# tool\n\nA tool.\n"
    files["CHANGELOG.md"] = "<!--\nSPDX-FileCopyrightText: 2017 Example Contributors\n\nSPDX-License-Identifier: CC-BY-SA-4.0\n-->\n\n# Changelog\n\n## 1.0.0\n\n- First.\n"
    files["CONTRIBUTING.md"] = "<!--\nSPDX-FileCopyrightText: 2017 Example Contributors\n\nSPDX-License-Identifier: CC-BY-SA-4.0\n-->\n\n# Contributing\n\nSend patches.\n"
    files["pyproject.toml"] = '# SPDX-FileCopyrightText: 2017 Example Contributors\n#\n# SPDX-License-Identifier: GPL-3.0-or-later\n\n[project]\nname = "tool"\nversion = "1.0.0"\nlicense = "GPL-3.0-or-later"\n'
    files["AUTHORS.rst"] = ".. SPDX-FileCopyrightText: 2017 Example Contributors\n.. SPDX-License-Identifier: CC-BY-SA-4.0\n\nAuthors\n=======\n"
    files[".gitignore"] = "# SPDX-FileCopyrightText: 2017 Example Contributors\n# SPDX-License-Identifier: CC0-1.0\n*.pyc\n"
    assert len(files) == 175, len(files)
    return files


def large_files(count: int = 4000) -> dict[str, str]:
    files: dict[str, str] = {}
    per_directory = count // 200
    for d in range(200):
        for f in range(per_directory):
            body = "".join(f"def value_{i}():\n    return {d * 100 + f + i}\n\n" for i in range(12))
            files[f"src/package{d:03d}/file{f:02d}.py"] = f"# SPDX-FileCopyrightText: 2020 Example Contributors\n# SPDX-License-Identifier: Apache-2.0\n\n{body}"
    files["LICENSES/Apache-2.0.txt"] = _license_text("Apache-2.0")
    files["LICENSE"] = _license_text("Apache-2.0")
    files["README.md"] = "# large\n"
    files["REUSE.toml"] = 'version = 1\n\n[[annotations]]\npath = ["README.md", "LICENSE"]\nSPDX-FileCopyrightText = "2020 Example Contributors"\nSPDX-License-Identifier = "Apache-2.0"\n'
    return files


def _data(text: str | bytes) -> bytes:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return b"data %d\n" % len(raw) + raw + b"\n"


def build(target: Path, files: dict[str, str], *, commits: int, people: int, tags: int) -> Path:
    """A repository whose first commit adds ``files`` and whose later commits each touch one of them."""
    target.mkdir(parents=True)
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True, env=env)
    names = sorted(files)
    stream: list[bytes] = []
    tag_every = max(1, commits // max(tags, 1))
    for n in range(commits):
        person = (n * 7) % people
        who = f"Person {person} <person{person}@{ORGANISATIONS[person % len(ORGANISATIONS)]}>"
        when = START + n * STEP
        stream.append(b"commit refs/heads/main\nmark :%d\n" % (n + 1))
        stream.append(f"author {who} {when} +0000\ncommitter {who} {when} +0000\n".encode())
        stream.append(_data(f"change {n}"))
        if n:
            stream.append(b"from :%d\n" % n)
            name = names[n % len(names)]
            files[name] = files[name] + f"\n# change {n}\n" if name.endswith(".py") else files[name]
            stream.append(f"M 100644 inline {name}\n".encode() + _data(files[name]))
        else:
            for name in names:
                stream.append(f"M 100644 inline {name}\n".encode() + _data(files[name]))
        stream.append(b"\n")
        if tags and n and n % tag_every == 0 and len([s for s in stream if s.startswith(b"tag ")]) < tags:
            stream.append(f"tag v0.{n // tag_every}.0\nfrom :{n + 1}\ntagger {who} {when} +0000\n".encode() + _data(f"release {n}"))
    subprocess.run(["git", "-C", str(target), "fast-import", "--quiet"], input=b"".join(stream), check=True, env=env)
    subprocess.run(["git", "-C", str(target), "checkout", "-q", "-f", "main"], check=True, env=env)
    return target

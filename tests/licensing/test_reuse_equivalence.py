"""dpgcheck's REUSE rules give the same answers as ``reuse lint --json`` (run as a command).

Each repository is built in a temp dir as a real git checkout, shaped like a real project
(a C project with REUSE.toml, a Python project with per-file headers in many comment
styles, a legacy .reuse/dep5 project, a project with nested REUSE.toml precedence, a
typical DPG with no REUSE at all). The sets of files without licensing and without
copyright information, and the missing/unused licences, must be equal.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from dpgcheck.collect.repo_view import RepoView
from dpgcheck.licensing import reuse_spec as reuse

REUSE = shutil.which("reuse") or (str(Path(os.sys.executable).parent / "reuse") if (Path(os.sys.executable).parent / "reuse").exists() else None)
pytestmark = pytest.mark.skipif(REUSE is None, reason="the reuse command is not installed (pip install reuse)")

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))

C_PROJECT = {
    "LICENSES/curl.txt": "COPYRIGHT AND PERMISSION NOTICE\n",
    "LICENSES/ISC.txt": "ISC License\n",
    "LICENSES/BSD-4-Clause-UC.txt": "BSD 4 clause\n",
    "LICENSES/CC0-1.0.txt": "CC0\n",
    "COPYING": "COPYRIGHT AND PERMISSION NOTICE\n",
    "REUSE.toml": (
        'version = 1\nSPDX-PackageName = "tool"\n\n'
        '[[annotations]]\npath = ["docs/**", "tests/data/**", "*.md", ".github/**"]\n'
        'SPDX-FileCopyrightText = "Daniel Example <daniel@example.org>, et al."\nSPDX-License-Identifier = "curl"\n\n'
        '[[annotations]]\npath = "packages/vms/*.com"\nprecedence = "aggregate"\n'
        'SPDX-FileCopyrightText = "VMS porters"\nSPDX-License-Identifier = "ISC"\n'
    ),
    "README.md": "# tool\n\nA transfer tool.\n",
    "CHANGES.md": "## 1.0\n",
    ".github/workflows/ci.yml": "on: push\n",
    "docs/INSTALL.md": "make install\n",
    "docs/cmdline/opts.md": "--verbose\n",
    "docs/logo.png": PNG,
    "tests/data/test1": "<testcase>\n</testcase>\n",
    "tests/data/test2": "<testcase>\n</testcase>\n",
    "tests/unit/unit1.c": "/***\n * Copyright (C) Daniel Example, <daniel@example.org>, et al.\n *\n * SPDX-License-Identifier: curl\n ***/\nint main(void) { return 0; }\n",
    "tests/unit/unit2.c": "/* Copyright (C) Daniel Example */\nint x;\n",
    "lib/url.c": "/***************************************************************************\n *                                  _   _ ____  _\n * Copyright (C) Daniel Example, <daniel@example.org>, et al.\n *\n * SPDX-License-Identifier: curl\n *\n ***************************************************************************/\n#include \"url.h\"\n",
    "lib/url.h": "#ifndef URL_H\n/* SPDX-FileCopyrightText: Daniel Example */\n/* SPDX-License-Identifier: curl */\n#endif\n",
    "lib/md4.c": "/*\n * Copyright (C) The Original Author\n * SPDX-License-Identifier: BSD-4-Clause-UC\n */\n",
    "lib/vendor/inflate.c": "/* inflate.c -- zlib decompression */\nint inflate(void);\n",
    "lib/Makefile.am": "#***************************************************************************\n# Copyright (C) Daniel Example, et al.\n#\n# SPDX-License-Identifier: curl\n#***************************************************************************\nlib_LTLIBRARIES = libtool.la\n",
    "packages/vms/build.com": "$! Copyright (C) VMS porter\n$! build\n",
    "packages/vms/readme": "VMS notes\n",
    "scripts/release.sh": "#!/bin/sh\n# Copyright (C) Daniel Example\n# SPDX-License-Identifier: curl\necho release\n",
    "m4/empty.m4": "",
}

PY_PROJECT = {
    "LICENSES/Apache-2.0.txt": "Apache License\n",
    "LICENSES/CC-BY-4.0.txt": "CC BY 4.0\n",
    "LICENSES/MIT.txt": "MIT License\n",
    "LICENSES/GPL-2.0.txt": "deprecated id\n",
    "LICENSE": "Apache License\n",
    "pyproject.toml": "# SPDX-FileCopyrightText: 2024 Example Org\n# SPDX-License-Identifier: Apache-2.0\n[project]\nname = 'app'\n",
    "app/__init__.py": "# SPDX-FileCopyrightText: 2024 Example Org <dev@example.org>\n#\n# SPDX-License-Identifier: Apache-2.0\n\n__version__ = '1.0'\n",
    "app/core.py": '"""Core."""\n# SPDX-FileCopyrightText: 2023 Jane Doe\n# SPDX-License-Identifier: Apache-2.0 OR MIT\nimport os\n',
    "app/legacy.py": "# Copyright (c) 2019 Old Contributor\n# SPDX-License-Identifier: GPL-2.0-or-later\n",
    "app/broken.py": "# SPDX-FileCopyrightText: 2024 Example Org\n# SPDX-License-Identifier: Apache-2.0 OR (\n",
    "app/lowercase.py": "# SPDX-FileCopyrightText: 2024 Example Org\n# SPDX-License-Identifier: apache-2.0\n",
    "app/nothing.py": "print('no header')\n",
    "app/strings.py": 'TEMPLATE = """\nSPDX-License-Identifier: {licence}\n"""\n# SPDX-FileCopyrightText: 2024 Example Org\n',
    "app/ignored_region.py": "# REUSE-IgnoreStart\n# SPDX-License-Identifier: MIT\n# SPDX-FileCopyrightText: Nobody\n# REUSE-IgnoreEnd\nx = 1\n",
    "app/templates/page.html": "<!--\nSPDX-FileCopyrightText: 2024 Example Org\nSPDX-License-Identifier: Apache-2.0\n-->\n<html></html>\n",
    "app/templates/base.jinja2": "{# SPDX-FileCopyrightText: 2024 Example Org #}\n{# SPDX-License-Identifier: Apache-2.0 #}\n",
    "app/static/style.css": "/* SPDX-FileCopyrightText: 2024 Example Org */\n/* SPDX-License-Identifier: MIT */\nbody {}\n",
    "app/static/logo.png": PNG,
    "app/static/logo.png.license": "SPDX-FileCopyrightText: 2024 Example Org\nSPDX-License-Identifier: CC-BY-4.0\n",
    "app/static/icon.png": PNG,
    "app/static/photo.jpg": b"\xff\xd8\xff\xe0" + bytes(300),
    "app/static/photo.jpg.license": "SPDX-FileCopyrightText: 2022 A Photographer\n",
    "docs/index.md": "<!-- SPDX-FileCopyrightText: 2024 Example Org -->\n<!-- SPDX-License-Identifier: CC-BY-4.0 -->\n# Docs\n",
    "docs/latin1.txt": "Copyright \xa9 2020 J\xfcrgen M\xfcller\nSPDX-License-Identifier: MIT\n".encode("latin-1"),
    "docs/utf16.txt": "SPDX-FileCopyrightText: 2024 Example Org\nSPDX-License-Identifier: MIT\n".encode("utf-16"),
    "docs/notes.txt": "Some notes.\n© 2021 Example Org\n",
    "tests/test_core.py": "// not python, a C++ style header\n// SPDX-FileCopyrightText: 2024 Example Org\n// SPDX-License-Identifier: Apache-2.0\n",
    "tests/data/sample.spdx.json": "{}\n",
    "tests/data/sample.bin": b"\x00\x01SPDX-License-Identifier: MIT\x00",
    "tests/data/empty.txt": "",
    "COPYING.md": "see LICENSES\n",
    ".gitignore": "*.log\nbuild/\n",
}

DEP5_PROJECT = {
    "LICENSES/GPL-3.0-or-later.txt": "GPL\n",
    "LICENSES/CC0-1.0.txt": "CC0\n",
    "LICENSES/LicenseRef-Proprietary-Font.txt": "font terms\n",
    ".reuse/dep5": (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: gui\nUpstream-Contact: Example <dev@example.org>\nSource: https://example.org/gui\n\n"
        "Files: po/* *.desktop\nCopyright: 2018-2024 The Translators\nLicense: GPL-3.0-or-later\n\n"
        "Files: data/icons/*\nCopyright: 2020 Icon Artist\n 2021 Second Artist\nLicense: CC0-1.0\n\n"
        "Files: data/fonts/*.ttf\nCopyright: Font Foundry\nLicense: LicenseRef-Proprietary-Font\n"
    ),
    "src/main.c": "// SPDX-FileCopyrightText: 2024 Gui Authors\n// SPDX-License-Identifier: GPL-3.0-or-later\nint main(void) { return 0; }\n",
    "src/window.c": "// SPDX-License-Identifier: GPL-3.0-or-later\nint w;\n",
    "src/util.c": "int util;\n",
    "po/de.po": 'msgid "Hello"\nmsgstr "Hallo"\n',
    "po/fr/fr.po": 'msgid "Hello"\n',
    "gui.desktop": "[Desktop Entry]\n",
    "data/icons/app.svg": "<svg/>\n",
    "data/icons/sub/small.svg": "<svg/>\n",
    "data/fonts/sans.ttf": b"\x00\x01\x00\x00" + bytes(64),
    "data/fonts/sans.otf": b"OTTO" + bytes(64),
    "meson.build": "# SPDX-FileCopyrightText: 2024 Gui Authors\n# SPDX-License-Identifier: GPL-3.0-or-later\nproject('gui', 'c')\n",
}

NESTED_PROJECT = {
    "LICENSES/MIT.txt": "MIT\n",
    "LICENSES/Apache-2.0.txt": "Apache\n",
    "LICENSES/CC-BY-SA-4.0.txt": "CC BY-SA\n",
    "LICENSES/BSD-3-Clause.txt": "BSD\n",
    "REUSE.toml": (
        'version = 1\n\n[[annotations]]\npath = "**"\nSPDX-FileCopyrightText = "2024 Root Org"\nSPDX-License-Identifier = "MIT"\n\n'
        '[[annotations]]\npath = "vendor/**"\nprecedence = "override"\nSPDX-FileCopyrightText = "Vendor Inc."\nSPDX-License-Identifier = "BSD-3-Clause"\n\n'
        '[[annotations]]\npath = "docs/**/*.md"\nprecedence = "aggregate"\nSPDX-FileCopyrightText = "Docs team"\nSPDX-License-Identifier = "CC-BY-SA-4.0"\n'
    ),
    "web/REUSE.toml": 'version = 1\n[[annotations]]\npath = "*.js"\nSPDX-License-Identifier = "Apache-2.0"\n',
    "web/app.js": "// SPDX-FileCopyrightText: Web team\nconsole.log(1)\n",
    "web/lib/dep.js": "console.log(2)\n",
    "web/index.html": "<html></html>\n",
    "vendor/lib.c": "/* SPDX-License-Identifier: GPL-2.0-only */\nint v;\n",
    "vendor/REUSE.toml": 'version = 1\n[[annotations]]\npath = "**"\nprecedence = "override"\nSPDX-License-Identifier = "Apache-2.0"\nSPDX-FileCopyrightText = "inner"\n',
    "docs/guide/intro.md": "<!-- SPDX-License-Identifier: MIT -->\n# Intro\n",
    "docs/guide/img.svg": "<svg/>\n",
    "src/main.rs": "// SPDX-License-Identifier: Apache-2.0\nfn main() {}\n",
    "src/lit*.rs": "fn x() {}\n",
}

PLAIN_DPG = {
    "LICENSE": "MIT License\n\nCopyright (c) 2024 Example\n",
    "README.md": "# A digital public good\n",
    "CONTRIBUTING.md": "Send pull requests.\n",
    "src/index.js": "module.exports = {}\n",
    "src/util.js": "/* Copyright 2024 Example. All rights reserved. */\nmodule.exports = {}\n",
    "package.json": '{"name": "dpg", "license": "MIT"}\n',
    "public/favicon.ico": b"\x00\x00\x01\x00" + bytes(100),
}


def reuse_lint(root: Path) -> dict:
    result = subprocess.run([REUSE, "--root", str(root), "lint", "--json"], capture_output=True, text=True, timeout=300)
    assert result.stdout, result.stderr
    return json.loads(result.stdout)


def ours(root: Path) -> reuse.ProjectResult:
    view = RepoView.open(root)
    return reuse.lint([(e.path, e.size) for e in view.files if not e.is_symlink], lambda p: view.read_bytes(p, source="reuse", limit=reuse.SCAN_LIMIT))


def relative(root: Path, paths: list[str]) -> list[str]:
    prefix = str(root.resolve()) + os.sep
    return sorted(p[len(prefix):] if p.startswith(prefix) else p for p in paths)


def assert_equivalent(root: Path) -> reuse.ProjectResult:
    theirs = reuse_lint(root)
    mine = ours(root)
    problems = theirs["non_compliant"]
    assert sorted(f.path for f in mine.files if not f.has_licensing) == relative(root, problems["missing_licensing_info"])
    assert sorted(f.path for f in mine.files if not f.has_copyright) == relative(root, problems["missing_copyright_info"])
    assert sorted(f.path for f in mine.files) == relative(root, [f["path"] for f in theirs["files"]])
    assert mine.missing == problems["missing_licenses"]
    assert mine.unused == problems["unused_licenses"]
    assert mine.used == theirs["summary"]["used_licenses"]
    return mine


def test_c_project_with_reuse_toml(make_repo):
    root = make_repo(C_PROJECT)
    mine = assert_equivalent(root)
    assert sorted(f.path for f in mine.files if not f.has_licensing) == ["lib/vendor/inflate.c", "packages/vms/readme", "tests/unit/unit2.c"]
    assert mine.reuse_toml == ["REUSE.toml"]


def test_python_project_with_headers_sidecars_and_odd_files(make_repo):
    root = make_repo(PY_PROJECT)
    (root / "build").mkdir()
    (root / "build" / "out.txt").write_text("ignored by git\n")
    (root / "debug.log").write_text("ignored\n")
    (root / "untracked.py").write_text("# SPDX-License-Identifier: MIT\n")
    (root / "link.py").symlink_to("app/core.py")
    mine = assert_equivalent(root)
    assert mine.missing == ["GPL-2.0-or-later", "apache-2.0"]
    assert mine.unused == ["GPL-2.0"]
    assert [e["path"] for e in mine.invalid_expressions] == ["app/broken.py", "app/strings.py"]


def test_legacy_dep5_project(make_repo):
    root = make_repo(DEP5_PROJECT)
    mine = assert_equivalent(root)
    assert mine.dep5 is True
    assert sorted(f.path for f in mine.files if not f.has_licensing) == ["data/fonts/sans.otf", "src/util.c"]


def test_nested_reuse_toml_precedence(make_repo):
    root = make_repo(NESTED_PROJECT)
    mine = assert_equivalent(root)
    by_path = {f.path: f for f in mine.files}
    assert [e for e, _ in by_path["vendor/lib.c"].info.expressions] == ["BSD-3-Clause"]
    assert sorted(e for e, _ in by_path["docs/guide/intro.md"].info.expressions) == ["CC-BY-SA-4.0", "MIT"]


def test_plain_dpg_without_reuse(make_repo):
    root = make_repo(PLAIN_DPG)
    mine = assert_equivalent(root)
    assert len(mine.files) == 6 and not any(f.has_licensing for f in mine.files)


def test_directory_without_git(make_repo):
    root = make_repo(PY_PROJECT, use_git=False)
    assert_equivalent(root)

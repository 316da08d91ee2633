"""Declared licences: one parser per metadata format, safe on hostile input."""
from __future__ import annotations

import pytest

from dpgcheck.licensing import declared as d
from dpgcheck.licensing.spdx_names import name_to_expression


def decl(field: str, value: str, expression: str | None, kind: str = "spdx") -> dict:
    return {"field": field, "value": value, "expression": expression, "kind": kind}


def test_pyproject_pep639_classifiers_and_poetry() -> None:
    text = """
[project]
name = "example"
license = "Apache-2.0 OR MIT"
classifiers = [
  "License :: OSI Approved :: MIT License",
  "Programming Language :: Python :: 3",
]
[tool.poetry]
license = "MIT"
"""
    assert d.parse_pyproject(text) == [
        decl("project.license", "Apache-2.0 OR MIT", "Apache-2.0 OR MIT"),
        decl("project.classifiers", "License :: OSI Approved :: MIT License", "MIT", "name"),
        decl("tool.poetry.license", "MIT", "MIT"),
    ]


def test_pyproject_legacy_table_forms() -> None:
    assert d.parse_pyproject('[project]\nlicense = {text = "BSD 3-Clause License"}\n') == [
        decl("project.license.text", "BSD 3-Clause License", "BSD-3-Clause", "name")
    ]
    assert d.parse_pyproject('[project]\nlicense = {file = "LICENSE.txt"}\n') == [
        decl("project.license.file", "LICENSE.txt", None, "file")
    ]


def test_pyproject_broken() -> None:
    with pytest.raises(d.DeclaredError, match="not valid TOML"):
        d.parse_pyproject('[project\nlicense = "MIT"')


def test_setup_cfg_and_setup_py_never_run() -> None:
    cfg = "[metadata]\nname = x\nlicense = GNU General Public License v3 or later (GPLv3+)\nclassifiers =\n    License :: OSI Approved :: Apache Software License\n"
    assert d.parse_setup_cfg(cfg) == [
        decl("metadata.license", "GNU General Public License v3 or later (GPLv3+)", "GPL-3.0-or-later", "name"),
        decl("metadata.classifiers", "License :: OSI Approved :: Apache Software License", "Apache-2.0", "name"),
    ]
    setup_py = 'import os\nos.system("rm -rf /")\nsetup(name="x", license="MIT")\n'
    assert d.parse_setup_py(setup_py) == [decl("setup.license", "MIT", "MIT", "name")]


def test_package_json_forms() -> None:
    assert d.parse_package_json('{"license": "(MIT OR Apache-2.0)"}') == [decl("license", "(MIT OR Apache-2.0)", "(MIT OR Apache-2.0)")]
    assert d.parse_package_json('{"license": {"type": "ISC"}}') == [decl("license", "ISC", "ISC")]
    assert d.parse_package_json('{"license": "SEE LICENSE IN LICENSE.md"}') == [decl("license", "SEE LICENSE IN LICENSE.md", None, "file")]
    assert d.parse_package_json('{"license": "UNLICENSED"}') == [decl("license", "UNLICENSED", "LicenseRef-npm-UNLICENSED")]
    assert d.parse_package_json('{"licenses": [{"type": "MIT"}, {"type": "GPL-2.0"}]}') == [
        decl("licenses", '[{"type": "MIT"}, {"type": "GPL-2.0"}]', "MIT OR GPL-2.0", "name")
    ]
    with pytest.raises(d.DeclaredError):
        d.parse_package_json("[1, 2]")
    with pytest.raises(d.DeclaredError):
        d.parse_package_json("{" * 100_000)


def test_cargo_old_slash_syntax_and_workspace() -> None:
    assert d.parse_cargo_toml('[package]\nname = "x"\nlicense = "MIT/Apache-2.0"\n') == [
        decl("package.license", "MIT/Apache-2.0", "MIT OR Apache-2.0")
    ]
    workspace = '[workspace.package]\nlicense = "EUPL-1.2"\n[package]\nname = "x"\nlicense.workspace = true\n'
    assert d.parse_cargo_toml(workspace) == [decl("package.license", "EUPL-1.2", "EUPL-1.2")]


def test_composer_array_is_a_choice() -> None:
    assert d.parse_composer_json('{"license": ["LGPL-2.1-only", "GPL-3.0-or-later"]}') == [
        decl("license", '["LGPL-2.1-only", "GPL-3.0-or-later"]', "LGPL-2.1-only OR GPL-3.0-or-later")
    ]


POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <licenses>
    <license>
      <name>The Apache Software License, Version 2.0</name>
      <url>http://www.apache.org/licenses/LICENSE-2.0.txt</url>
    </license>
    <license>
      <name>Some Custom Name</name>
      <url>https://opensource.org/licenses/MIT</url>
    </license>
  </licenses>
</project>
"""


def test_pom_names_and_urls() -> None:
    assert d.parse_pom_xml(POM) == [
        decl(
            "project.licenses",
            '[{"name": "The Apache Software License, Version 2.0", "url": "http://www.apache.org/licenses/LICENSE-2.0.txt"}, {"name": "Some Custom Name", "url": "https://opensource.org/licenses/MIT"}]',
            "Apache-2.0 OR MIT",
            "name",
        )
    ]


def test_pom_refuses_entities() -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><project><licenses><license><name>&lol2;</name></license></licenses></project>'
    with pytest.raises(d.DeclaredError, match="DOCTYPE"):
        d.parse_pom_xml(bomb)
    with pytest.raises(d.DeclaredError, match="not well-formed"):
        d.parse_pom_xml("<project><licenses>")


def test_gemspec_regex_only() -> None:
    text = "Gem::Specification.new do |spec|\n  spec.name = 'x'\n  spec.licenses = ['MIT', 'Ruby']\n  system('id')\nend\n"
    assert d.parse_gemspec(text) == [decl("spec.licenses", '["MIT", "Ruby"]', "MIT AND Ruby")]
    assert d.parse_gemspec("s.license = \"Apache-2.0\"\n") == [decl("spec.licenses", "Apache-2.0", "Apache-2.0")]


def test_r_description() -> None:
    text = "Package: foo\nVersion: 1.0\nLicense: GPL (>= 2) | MIT + file\n    LICENSE\nEncoding: UTF-8\n"
    assert d.parse_description(text) == [decl("License", "GPL (>= 2) | MIT + file LICENSE", "GPL-2.0-or-later OR MIT", "name")]


def test_odoo_manifest_literal_eval_only() -> None:
    text = "# -*- coding: utf-8 -*-\n# Part of Example.\n{\n    'name': 'Sales',\n    'license': 'LGPL-3',\n    'depends': ['base'],\n}\n"
    assert d.parse_odoo_manifest(text) == [decl("license", "LGPL-3", "LGPL-3.0-only", "name")]
    assert d.parse_odoo_manifest("{'license': 'OEEL-1'}") == [decl("license", "OEEL-1", "LicenseRef-Odoo-OEEL-1", "name")]
    with pytest.raises(d.DeclaredError, match="never run"):
        d.parse_odoo_manifest("{'license': __import__('os').system('id')}")


def test_publiccode_and_dpg_record() -> None:
    assert d.parse_publiccode("publiccodeYmlVersion: '0.4'\nlegal:\n  license: AGPL-3.0-or-later\n") == [
        decl("legal.license", "AGPL-3.0-or-later", "AGPL-3.0-or-later")
    ]
    with pytest.raises(d.DeclaredError, match="YAML"):
        d.parse_publiccode("legal: [\n")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdef", "bcdefg")
    ) + "legal: {license: MIT}\n"
    with pytest.raises(d.DeclaredError, match="alias bomb"):
        d.parse_publiccode(bomb)
    record = '{"name": "x", "license": [{"spdx": "GPL-3.0", "licenseURL": "https://example.org/LICENSE"}, {"spdx": "CC-BY-4.0"}]}'
    assert d.parse_dpg_record(record) == [
        decl("license[0].spdx", "GPL-3.0", "GPL-3.0"),
        decl("license[1].spdx", "CC-BY-4.0", "CC-BY-4.0"),
    ]


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("pyproject.toml", "pyproject"),
        ("package.json", "package.json"),
        ("Cargo.toml", "cargo"),
        ("pom.xml", "maven"),
        ("composer.json", "composer"),
        ("example.gemspec", "gemspec"),
        ("DESCRIPTION", "r-description"),
        ("addons/sale/__manifest__.py", "odoo-manifest"),
        ("publiccode.yml", "publiccode"),
        ("dpg.json", "dpg-record"),
    ],
)
def test_source_for(path: str, source: str) -> None:
    assert d.source_for(path)[0] == source


def test_nested_package_json_is_not_the_repository_declaration() -> None:
    assert d.source_for("node_modules/x/package.json") is None
    assert d.source_for("a/b/c/d/__manifest__.py") is None


def test_nuget_msbuild_citation_codemeta_hex() -> None:
    nuspec = '<?xml version="1.0"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>x</id><license type="expression">MIT OR Apache-2.0</license></metadata></package>'
    assert d.parse_nuspec(nuspec) == [decl("metadata.license", "MIT OR Apache-2.0", "MIT OR Apache-2.0")]
    csproj = '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><PackageLicenseExpression>Apache-2.0</PackageLicenseExpression></PropertyGroup></Project>'
    assert d.parse_csproj(csproj) == [decl("PackageLicenseExpression", "Apache-2.0", "Apache-2.0")]
    assert d.parse_citation_cff("cff-version: 1.2.0\ntitle: x\nlicense: [MIT, Apache-2.0]\n") == [
        decl("license", '["MIT", "Apache-2.0"]', "MIT OR Apache-2.0")
    ]
    assert d.parse_codemeta('{"license": "https://spdx.org/licenses/EUPL-1.2"}') == [
        decl("license", "https://spdx.org/licenses/EUPL-1.2", "EUPL-1.2", "name")
    ]
    assert d.parse_mix_exs('defp package do\n  [licenses: ["Apache-2.0"], links: %{}]\nend\n') == [
        decl("package.licenses", "Apache-2.0", "Apache-2.0")
    ]
    with pytest.raises(d.DeclaredError, match="DOCTYPE"):
        d.parse_csproj('<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project>&x;</Project>')


@pytest.mark.parametrize(
    ("name", "url", "expected"),
    [
        ("MPL 2.0", "https://www.mozilla.org/en-US/MPL/2.0/", "MPL-2.0"),  # MOSIP's pom.xml (issue 17)
        ("MPL 2.0", None, "MPL-2.0"),
        ("Our Own Licence", "https://www.mozilla.org/en-US/MPL/2.0/", "MPL-2.0"),
        ("Mozilla Public License 2.0 with Healthcare Disclaimer", None, None),  # OpenMRS: more than MPL-2.0
    ],
)
def test_licence_names_and_urls_of_real_poms(name: str, url: str | None, expected: str | None) -> None:
    assert name_to_expression(name, url) == expected

"""What a repository declares about its licence, read from its metadata files.

Every parser takes the file's text and returns a list of declarations
``{"field", "value", "expression"}`` (``expression`` is an SPDX expression or None when
the value could not be turned into one) or raises :class:`DeclaredError` with a short
message. Parsing is safe: TOML and JSON through the standard library, YAML through the bounded loader of
:mod:`dpgcheck.untrusted.yaml`, XML with a size
cap and no DOCTYPE or entity declarations, Odoo manifests through ``ast.literal_eval``,
gemspec/DESCRIPTION/setup.py through regular expressions. Nothing is ever executed.
Licence names and URLs that are not SPDX are mapped by :mod:`dpgcheck.licensing.spdx_names`.
"""
from __future__ import annotations

import ast
import json
import re
from typing import Any, Callable

from dpgcheck.patterns import lazy
from dpgcheck.licensing.spdx_names import name_to_expression

MAX_XML_BYTES = 2 * 1024 * 1024


class DeclaredError(ValueError):
    """The metadata file is broken; the message says how."""


Declaration = dict[str, Any]


def _decl(field: str, value: Any, expression: str | None, kind: str = "spdx") -> Declaration:
    """``kind``: ``spdx`` (the field holds an SPDX expression), ``name`` (a licence name or
    classifier, mapped to SPDX when dpgcheck knows it) or ``file`` (it points to a file)."""
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return {"field": field, "value": text, "expression": expression, "kind": kind}


def _join(expressions: list[str], operator: str) -> str | None:
    parts = [e for e in expressions if e]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return f" {operator} ".join(f"({p})" if " " in p else p for p in parts)


# --- parsers --------------------------------------------------------------------------

def _toml(text: str) -> dict[str, Any]:
    from dpgcheck.untrusted import toml

    try:
        return toml.loads(text)
    except toml.NoTomlParser as exc:
        raise DeclaredError(str(exc)) from None
    except toml.InvalidToml as exc:
        raise DeclaredError(f"not valid TOML: {exc}") from None


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise DeclaredError(f"not valid JSON: {exc}") from None


#: Trove classifiers: "License :: OSI Approved :: <name>".
def _classifier_expression(classifier: str) -> str | None:
    name = classifier.split("::")[-1].strip()
    return name_to_expression(name)


def _mapping(value: Any) -> dict[Any, Any]:
    """A table of a manifest, or an empty one when the manifest holds something else there."""
    return value if isinstance(value, dict) else {}


def parse_pyproject(text: str) -> list[Declaration]:
    data = _toml(text)
    found: list[Declaration] = []
    project = _mapping(data.get("project"))
    license_value = project.get("license")
    if isinstance(license_value, str):
        found.append(_decl("project.license", license_value, license_value))
    elif isinstance(license_value, dict):
        if isinstance(license_value.get("text"), str):
            text_value = license_value["text"]
            found.append(_decl("project.license.text", text_value, name_to_expression(text_value), "name"))
        elif isinstance(license_value.get("file"), str):
            found.append(_decl("project.license.file", license_value["file"], None, "file"))
    classifiers = [c for c in project.get("classifiers", []) if isinstance(c, str) and c.startswith("License ::")]
    for classifier in sorted(set(classifiers)):
        found.append(_decl("project.classifiers", classifier, _classifier_expression(classifier), "name"))
    poetry = _mapping(data.get("tool")).get("poetry", {})
    if isinstance(poetry, dict) and isinstance(poetry.get("license"), str):
        found.append(_decl("tool.poetry.license", poetry["license"], poetry["license"]))
    return found


def parse_setup_cfg(text: str) -> list[Declaration]:
    import configparser  # here: only a setup.cfg needs it

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        raise DeclaredError(f"not a valid setup.cfg: {str(exc).splitlines()[0]}") from None
    found = []
    if parser.has_option("metadata", "license_expression"):
        value = parser.get("metadata", "license_expression").strip()
        found.append(_decl("metadata.license_expression", value, value))
    if parser.has_option("metadata", "license"):
        value = parser.get("metadata", "license").strip()
        if value:
            found.append(_decl("metadata.license", value, name_to_expression(value), "name"))
    if parser.has_option("metadata", "classifiers"):
        for line in parser.get("metadata", "classifiers").splitlines():
            line = line.strip()
            if line.startswith("License ::"):
                found.append(_decl("metadata.classifiers", line, _classifier_expression(line), "name"))
    return found


_SETUP_PY = lazy(r"""\blicense(?:_expression)?\s*=\s*(["'])([^"'\n]{1,200})\1""")


def parse_setup_py(text: str) -> list[Declaration]:
    """``license="..."`` string literals only; setup.py is never run."""
    found = []
    for match in _SETUP_PY.finditer(text):
        value = match.group(2).strip()
        found.append(_decl("setup.license", value, name_to_expression(value), "name"))
    return found[:5]


def parse_package_json(text: str) -> list[Declaration]:
    data = _json(text)
    if not isinstance(data, dict):
        raise DeclaredError("package.json is not a JSON object")
    found = []
    value = data.get("license")
    if isinstance(value, dict):  # legacy {"type": "MIT", "url": ...}
        value = value.get("type")
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.upper().startswith("SEE LICENSE IN"):
            found.append(_decl("license", stripped, None, "file"))
        elif stripped == "UNLICENSED":
            found.append(_decl("license", stripped, "LicenseRef-npm-UNLICENSED"))
        else:
            found.append(_decl("license", stripped, stripped))
    legacy = data.get("licenses")
    if isinstance(legacy, list):
        named = [item.get("type") if isinstance(item, dict) else item for item in legacy]
        types = [t for t in named if isinstance(t, str)]
        if types:
            found.append(_decl("licenses", legacy, _join([name_to_expression(t) or t for t in types], "OR"), "name"))
    return found


def parse_cargo_toml(text: str) -> list[Declaration]:
    data = _toml(text)
    package = _mapping(data.get("package"))
    found = []
    value = package.get("license")
    if isinstance(value, dict) and value.get("workspace") is True:
        workspace = _mapping(data.get("workspace")).get("package", {})
        value = workspace.get("license") if isinstance(workspace, dict) else None
    elif value is None and isinstance(data.get("workspace"), dict):
        workspace = data["workspace"].get("package", {})
        value = workspace.get("license") if isinstance(workspace, dict) else None
    if isinstance(value, str):
        # Old Cargo manifests use "/" for OR ("MIT/Apache-2.0").
        expression = " OR ".join(p.strip() for p in value.split("/")) if "/" in value else value
        found.append(_decl("package.license", value, expression))
    if isinstance(package.get("license-file"), str):
        found.append(_decl("package.license-file", package["license-file"], None, "file"))
    return found


def _license_or_choice(value: Any) -> list[Declaration]:
    """A ``license`` field holding one expression, or a list of licences to choose from."""
    if isinstance(value, str):
        return [_decl("license", value, value)]
    if isinstance(value, list):
        items = [v for v in value if isinstance(v, str)]
        return [_decl("license", value, _join(items, "OR"))] if items else []
    return []


def parse_composer_json(text: str) -> list[Declaration]:
    data = _json(text)
    if not isinstance(data, dict):
        raise DeclaredError("composer.json is not a JSON object")
    # Composer: an array of licences is a disjunction (the user may choose).
    return _license_or_choice(data.get("license"))


def _xml(text: str, name: str) -> Any:
    """Parse XML that cannot expand entities: capped size, DOCTYPE/ENTITY refused up front."""
    import xml.etree.ElementTree as ET

    if len(text.encode("utf-8", "replace")) > MAX_XML_BYTES:
        raise DeclaredError(f"{name} is larger than {MAX_XML_BYTES} bytes; not parsed")
    if re.search(r"<!\s*(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        raise DeclaredError(f"{name} declares a DOCTYPE or entities; refused (XML entity expansion)")
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        raise DeclaredError(f"not well-formed XML: {exc}") from None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_pom_xml(text: str) -> list[Declaration]:
    root = _xml(text, "pom.xml")

    local = _local
    licenses = next((child for child in root if local(child.tag) == "licenses"), None)
    if licenses is None:
        return []
    names, expressions = [], []
    for item in licenses:
        if local(item.tag) != "license":
            continue
        fields = {local(c.tag): (c.text or "").strip() for c in item}
        name, url = fields.get("name") or None, fields.get("url") or None
        names.append({"name": name, "url": url})
        expressions.append(name_to_expression(name, url) or "")
    if not names:
        return []
    # POM reference: several licences mean the user may choose any of them.
    expression = None if "" in expressions else _join(expressions, "OR")
    return [_decl("project.licenses", names if len(names) > 1 else (names[0]["name"] or names[0]["url"] or ""), expression, "name")]


_GEMSPEC = lazy(r"""\.licen[cs]es?\s*=\s*(\[[^\]]{0,500}\]|(["'])[^"'\n]{1,200}\2)""")


def parse_gemspec(text: str) -> list[Declaration]:
    found = []
    for match in _GEMSPEC.finditer(text):
        items = re.findall(r"""(["'])([^"'\n]{1,200})\1""", match.group(1))
        values = [v for _, v in items]
        if values:
            # RubyGems does not say whether several licences are a choice; AND is the safe reading.
            found.append(_decl("spec.licenses", values if len(values) > 1 else values[0], _join(values, "AND")))
    return found[:5]


def parse_description(text: str) -> list[Declaration]:
    """R package DESCRIPTION (Debian-control style): ``License: GPL-3 | MIT + file LICENSE``."""
    match = re.search(r"^License:[ \t]*(.+(?:\n[ \t]+.+)*)", text, re.MULTILINE)
    if not match:
        return []
    value = " ".join(match.group(1).split())
    alternatives = []
    for part in value.split("|"):
        part = re.sub(r"\+\s*file\s+\S+", "", part).strip()
        alternatives.append(name_to_expression(part) or "")
    expression = None if "" in alternatives else _join(alternatives, "OR")
    return [_decl("License", value, expression, "name")]


def parse_odoo_manifest(text: str) -> list[Declaration]:
    try:
        data = ast.literal_eval(text.strip().lstrip("\ufeff"))
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        # A manifest usually starts with comments and a dict literal; try the dict alone.
        start = text.find("{")
        try:
            data = ast.literal_eval(text[start:]) if start >= 0 else None
        except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
            raise DeclaredError("not a Python dict literal (manifests are read, never run)") from None
    if not isinstance(data, dict):
        raise DeclaredError("manifest is not a dict literal")
    value = data.get("license")
    if not isinstance(value, str):
        return []
    return [_decl("license", value, name_to_expression(value), "name")]


def _yaml(text: str) -> Any:
    """YAML through the project's bounded loader (size, depth, alias expansion)."""
    from dpgcheck.untrusted.yaml import YamlRefused, load

    try:
        return load(text.encode("utf-8")).value
    except YamlRefused as exc:
        raise DeclaredError(exc.message) from None


def parse_publiccode(text: str) -> list[Declaration]:
    data = _yaml(text)
    if not isinstance(data, dict):
        raise DeclaredError("publiccode.yml is not a mapping")
    legal = data.get("legal")
    if isinstance(legal, dict) and isinstance(legal.get("license"), str):
        return [_decl("legal.license", legal["license"], legal["license"])]
    return []


def parse_dpg_record(text: str, *, yaml_format: bool = False) -> list[Declaration]:
    data = _yaml(text) if yaml_format else _json(text)
    if not isinstance(data, dict):
        raise DeclaredError("the DPG record is not an object")
    found = []
    licenses = data.get("license") or data.get("licenses")
    if isinstance(licenses, list):
        for n, item in enumerate(licenses):
            if isinstance(item, dict) and isinstance(item.get("spdx"), str):
                found.append(_decl(f"license[{n}].spdx", item["spdx"], item["spdx"]))
    return found


def parse_nuspec(text: str) -> list[Declaration]:
    root = _xml(text, "the .nuspec file")
    for element in root.iter():
        if _local(element.tag) == "license" and (element.get("type") or "").lower() == "expression":
            value = (element.text or "").strip()
            return [_decl("metadata.license", value, value)] if value else []
        if _local(element.tag) == "license" and (element.get("type") or "").lower() == "file":
            return [_decl("metadata.license", (element.text or "").strip(), None, "file")]
    return []


def parse_csproj(text: str) -> list[Declaration]:
    root = _xml(text, "the project file")
    found = []
    for element in root.iter():
        if _local(element.tag) == "PackageLicenseExpression" and (element.text or "").strip():
            value = element.text.strip()
            found.append(_decl("PackageLicenseExpression", value, value))
        elif _local(element.tag) == "PackageLicenseFile" and (element.text or "").strip():
            found.append(_decl("PackageLicenseFile", element.text.strip(), None, "file"))
    return found[:5]


def parse_citation_cff(text: str) -> list[Declaration]:
    data = _yaml(text)
    if not isinstance(data, dict):
        raise DeclaredError("CITATION.cff is not a mapping")
    # The CFF schema: several licences are assumed to be a choice (OR), not AND.
    return _license_or_choice(data.get("license"))


def parse_codemeta(text: str) -> list[Declaration]:
    data = _json(text)
    if not isinstance(data, dict):
        raise DeclaredError("codemeta.json is not a JSON object")
    value = data.get("license")
    values = value if isinstance(value, list) else [value]
    items = [v for v in values if isinstance(v, str)]
    if not items:
        return []
    expressions = [name_to_expression(None, v) if "/" in v else name_to_expression(v) for v in items]
    expression = None if None in expressions else _join([e for e in expressions if e], "AND")
    return [_decl("license", value, expression, "name")]


_MIX = lazy(r"""\blicenses:\s*\[([^\]]{0,500})\]""")


def parse_mix_exs(text: str) -> list[Declaration]:
    match = _MIX.search(text)
    if not match:
        return []
    values = [v for _, v in re.findall(r"""(["'])([^"'\n]{1,200})\1""", match.group(1))]
    # Hex does not say whether several licences are a choice; AND is the safe reading.
    return [_decl("package.licenses", values if len(values) > 1 else values[0], _join(values, "AND"))] if values else []


#: (matcher on the lower-case path, source name, parser). Root files unless the matcher says otherwise.
Parser = Callable[[str], list[Declaration]]


def _root(name: str) -> Callable[[str], bool]:
    return lambda path: path == name


def _odoo(path: str) -> bool:
    return path.rsplit("/", 1)[-1] in ("__manifest__.py", "__openerp__.py") and path.count("/") <= 3


SOURCES: list[tuple[Callable[[str], bool], str, Parser]] = [
    (_root("pyproject.toml"), "pyproject", parse_pyproject),
    (_root("setup.cfg"), "setup.cfg", parse_setup_cfg),
    (_root("setup.py"), "setup.py", parse_setup_py),
    (_root("package.json"), "package.json", parse_package_json),
    (_root("cargo.toml"), "cargo", parse_cargo_toml),
    (_root("composer.json"), "composer", parse_composer_json),
    (_root("pom.xml"), "maven", parse_pom_xml),
    (lambda p: "/" not in p and p.endswith(".gemspec"), "gemspec", parse_gemspec),
    (_root("description"), "r-description", parse_description),
    (_odoo, "odoo-manifest", parse_odoo_manifest),
    (lambda p: p in ("publiccode.yml", "publiccode.yaml"), "publiccode", parse_publiccode),
    (_root("dpg.json"), "dpg-record", parse_dpg_record),
    (lambda p: p in ("dpg.yml", "dpg.yaml"), "dpg-record", lambda t: parse_dpg_record(t, yaml_format=True)),
    (lambda p: "/" not in p and p.endswith(".nuspec"), "nuget", parse_nuspec),
    (lambda p: "/" not in p and p.endswith((".csproj", ".fsproj", ".vbproj")), "msbuild", parse_csproj),
    (_root("citation.cff"), "citation-cff", parse_citation_cff),
    (_root("codemeta.json"), "codemeta", parse_codemeta),
    (_root("mix.exs"), "hex", parse_mix_exs),
]


def source_for(path: str) -> tuple[str, Parser] | None:
    lower = path.lower()
    for matches, name, parser in SOURCES:
        if matches(lower):
            return name, parser
    return None

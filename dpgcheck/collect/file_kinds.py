"""The file-kind taxonomy: which repository paths are a licence, a code of conduct, an SBOM, ...

Files are looked for where GitHub and OpenSSF Scorecard look: the repository
root, ``.github/``, ``docs/`` and ``doc/``. Names match case-insensitively,
with ``-``, ``_`` and ``.`` variants and the usual documentation extensions, so
``CODE-OF-CONDUCT.md``, ``code_of_conduct.rst`` and ``.github/CodeOfConduct``
are all a ``code_of_conduct``. Rules look kinds up; they never scan paths.
"""
from __future__ import annotations

import functools
import re

from dpgcheck.collect.repo_view import FileEntry

#: Where a community file counts, keyed by the directory (lower case).
LOCATIONS = {"": "root", ".github": ".github", "docs": "docs", "doc": "doc"}

DOC_EXTENSIONS = {"", ".md", ".markdown", ".mdown", ".txt", ".rst", ".adoc", ".asciidoc", ".org", ".html", ".htm", ".text"}
DATA_EXTENSIONS = {".yml", ".yaml", ".json"}

#: Normalised stem -> kind, for documentation-like files.
DOC_KINDS = {
    "readme": "readme",
    "contributing": "contributing",
    "codeofconduct": "code_of_conduct",
    "security": "security_policy",
    "governance": "governance",
    "support": "support",
    "changelog": "changelog",
    "changes": "changelog",
    "history": "changelog",
    "news": "changelog",
    "releasenotes": "changelog",
    "notice": "notice",
    "maintainers": "maintainers",
    "owners": "maintainers",
    "roadmap": "roadmap",
    "authors": "authors",
    "contributors": "authors",
    "privacy": "privacy_policy",
    "privacypolicy": "privacy_policy",
    "codeowners": "codeowners",
}
#: Kinds whose file is YAML/JSON, and where each may sit.
DATA_KINDS = {
    "funding": ("funding", {".github"}),
    "publiccode": ("publiccode", {""}),
    "dpg": ("dpg_record", {""}),
}
LICENSE_PREFIXES = ("license", "licence", "copying", "unlicense")
#: ``license-header.txt`` is the notice template that licence-header tools put atop each
#: source file: it names the licence but is not the licence (issue 17, OpenSPP).
HEADER_SUFFIXES = ("header", "headers")
#: ``license_check.py`` is code, not a licence.
CODE_EXTENSIONS = {".py", ".js", ".ts", ".go", ".rs", ".java", ".sh", ".rb", ".c", ".h", ".php", ".json", ".yml", ".yaml", ".toml", ".xml", ".cfg", ".ini"}

#: All kinds, so a rule can rely on every key being present.
KINDS = sorted(
    {*DOC_KINDS.values(), *(kind for kind, _ in DATA_KINDS.values()), "license", "license_text", "sbom"}
)

_SEPARATORS = re.compile(r"[-_. ]")
#: Where a project's own SBOM sits: the root (where Scorecard looks) and the usual folders.
#: Elsewhere (examples/, tests/, schemas/) a file named like an SBOM describes something else.
SBOM_DIRECTORIES = {"", ".github", "docs", "doc", "sbom", "sboms", ".sbom", "bom", "spdx"}
# Scorecard's SBOM names plus common variants; a Maven BOM (pom.xml) is not an SBOM.
_SBOM_NAME = re.compile(
    r"(^|/)([^/]+\.(spdx3?|cdx|sbom)(\.(json|jsonld|xml|ya?ml|rdf|rdf\.xml|tag|tv))?|(s?bom)([-_.][^/]*)?\.(json|xml|spdx|ya?ml)"
    r"|[^/]*[-_.]s?bom\.(json|xml|ya?ml|spdx))$",
    re.IGNORECASE,
)


def normalise_stem(name: str) -> tuple[str, str]:
    """Split a file name into (normalised stem, lower-case extension)."""
    lower = name.lower()
    stem, dot, extension = lower.rpartition(".")
    if not dot or not stem:
        stem, extension = lower, ""
    else:
        extension = "." + extension
    return _SEPARATORS.sub("", stem), extension


def classify(entry: FileEntry) -> tuple[str, str] | None:
    """The (kind, location) of a community file, or None."""
    return _classify_path(entry.path)


@functools.lru_cache(maxsize=1 << 16)
def _classify_path(path: str) -> tuple[str, str] | None:
    """classify's answer for a path, worked out once: five collectors classify every file of the
    tree (a 1,202-file tree: 6,010 calls, 8.8 ms, now 3.0 ms)."""
    directory, _, name = path.rpartition("/")
    directory_lower = directory.lower()
    if directory_lower == "licenses":
        return "license_text", "LICENSES"
    if _SBOM_NAME.search(path) and not name.lower().startswith("pom") and directory_lower in SBOM_DIRECTORIES:
        return "sbom", LOCATIONS.get(directory_lower, directory or "root")
    location = LOCATIONS.get(directory_lower)
    if location is None:
        return None
    stem, extension = normalise_stem(name)
    if extension in DATA_EXTENSIONS and stem in DATA_KINDS:
        kind, allowed = DATA_KINDS[stem]
        return (kind, location) if directory_lower in allowed else None
    whole = _SEPARATORS.sub("", name.lower())
    if whole.startswith(LICENSE_PREFIXES) and extension not in CODE_EXTENSIONS and not stem.endswith(HEADER_SUFFIXES):
        return "license", location
    if extension in DOC_EXTENSIONS and stem in DOC_KINDS:
        return DOC_KINDS[stem], location
    return None

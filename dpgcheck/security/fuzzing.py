"""Fuzzing set-ups visible in the tree: ClusterFuzzLite and OSS-Fuzz build files, libFuzzer
entry points, Go native fuzz tests, cargo-fuzz, and property-based testing libraries named
in package manifests (Scorecard's list, plus Hypothesis and jqwik)."""
from __future__ import annotations

import re

from dpgcheck.patterns import lazy

MAX_TEXT_BYTES = 512 * 1024
MAX_FILES_READ = 400

_GO_FUZZ = lazy(r"^func\s+Fuzz\w*\s*\(\s*\w+\s+\*testing\.F\s*\)", re.MULTILINE)
_LIBFUZZER = lazy(r"\bLLVMFuzzerTestOneInput\b")
_SOURCE_SUFFIXES = (".c", ".cc", ".cpp", ".cxx", ".rs")
#: manifest file name -> (kind, pattern naming a property-based testing library)
_MANIFESTS: dict[str, tuple[str, re.Pattern[str]]] = {
    "package.json": ("property-based:fast-check", lazy(r'"fast-check"\s*:')),
    "cargo.toml": ("cargo-fuzz", lazy(r"^\s*libfuzzer-sys\s*=", re.MULTILINE)),
    "rebar.config": ("property-based:erlang", lazy(r"\b(proper|eqc|quickcheck)\b")),
    "pyproject.toml": ("property-based:hypothesis", lazy(r"[\"'\s]hypothesis\b", re.IGNORECASE)),
    "requirements-dev.txt": ("property-based:hypothesis", lazy(r"^hypothesis\b", re.MULTILINE | re.IGNORECASE)),
    "requirements.txt": ("property-based:hypothesis", lazy(r"^hypothesis\b", re.MULTILINE | re.IGNORECASE)),
    "pom.xml": ("property-based:jqwik", lazy(r"<artifactId>\s*(jqwik|junit-quickcheck-core)\s*</artifactId>")),
    "build.gradle": ("property-based:jqwik", lazy(r"net\.jqwik:jqwik|junit-quickcheck")),
    "build.gradle.kts": ("property-based:jqwik", lazy(r"net\.jqwik:jqwik|junit-quickcheck")),
}
_SUFFIX_MANIFESTS: dict[str, tuple[str, re.Pattern[str]]] = {
    ".cabal": ("property-based:haskell", lazy(r"\b(QuickCheck|hedgehog|validity|smallcheck)\b")),
    ".fsproj": ("property-based:fscheck", lazy(r'Include="FsCheck')),
    ".csproj": ("property-based:fscheck", lazy(r'Include="FsCheck')),
}


def by_path(lower_path: str) -> str | None:
    """A fuzzing set-up recognised from the path alone."""
    if lower_path.startswith(".clusterfuzzlite/"):
        return "clusterfuzzlite"
    name = lower_path.rsplit("/", 1)[-1]
    if name == "project.yaml" and "/oss-fuzz/" in f"/{lower_path}":
        return "oss-fuzz"
    return None


def content_rule(lower_path: str) -> tuple[str, re.Pattern[str]] | None:
    """(kind, pattern) when the file's text must be read to see a fuzzing set-up."""
    name = lower_path.rsplit("/", 1)[-1]
    if name.endswith("_test.go"):
        return ("go-native", _GO_FUZZ)
    if name.endswith(_SOURCE_SUFFIXES) and "fuzz" in lower_path:
        return ("libfuzzer", _LIBFUZZER)
    if name in _MANIFESTS:
        return _MANIFESTS[name]
    for suffix, rule in _SUFFIX_MANIFESTS.items():
        if name.endswith(suffix):
            return rule
    return None


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1

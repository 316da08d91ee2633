"""publiccode.yml: a safe parser and an offline validator (network checks only on request).

``check(data)`` parses the bytes of a publiccode.yml with :mod:`dpgcheck.untrusted.yaml`
(bounded size, depth and alias expansion, YAML 1.2 scalars) and validates the
result with :mod:`.validate`. It never raises on bad input: a refused file is an
error result with code ``file-too-large``, ``binary-file``, ``alias-bomb`` …
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dpgcheck.untrusted.yaml import MAX_BYTES, YamlRefused, load
from dpgcheck.publiccode.validate import validate

__all__ = ["MAX_BYTES", "Result", "check"]


@dataclass
class Result:
    """A publiccode.yml read and validated: the document, each key's line, and the issues found."""

    parsed: bool
    document: Any = None
    lines: dict[str, int] = field(default_factory=dict)
    issues: list[dict[str, Any]] = field(default_factory=list)

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [i for i in self.issues if i["severity"] == "error"]

    @property
    def warnings(self) -> list[dict[str, Any]]:
        return [i for i in self.issues if i["severity"] == "warning"]


def check(
    data: bytes,
    *,
    exists: Callable[[str], bool] | None = None,
    network: bool = False,
    timeout: float | None = None,
) -> Result:
    try:
        loaded = load(data)
    except YamlRefused as refused:
        issue = {"severity": "error", "key": "", "code": refused.code, "message": refused.message, "line": refused.line or 1}
        return Result(parsed=False, issues=[issue])
    from dpgcheck.licensing.expression import analyse

    issues = [
        {"severity": "error", "key": key, "code": code, "message": f"{key} {message}", "line": line or 1}
        for code, key, message, line in loaded.issues
    ]
    issues += validate(loaded.value, loaded.lines, exists=exists, analyse_license=analyse)
    if network:
        from dpgcheck.publiccode.network import TIMEOUT_SECONDS, check_urls

        issues += check_urls(loaded.value, loaded.lines, timeout or TIMEOUT_SECONDS)
    issues.sort(key=lambda i: (i["line"], i["key"], i["severity"], i["code"], i["message"]))
    return Result(parsed=True, document=loaded.value, lines=loaded.lines, issues=issues)

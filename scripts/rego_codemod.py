#!/usr/bin/env python3
"""Bring Rego rule modules to the conventions of docs/writing-rules.md, mechanically.

    python scripts/rego_codemod.py result FILE...      finding literals -> data.dpgcheck.lib.result
    python scripts/rego_codemod.py internals FILE...   helper rules of a rule package -> _name

``result`` rewrites each object literal whose keys are ``message`` and ``evidence`` (with
``location`` and/or ``"outcome": "insufficient_evidence"``) into the matching helper call, and
imports the library; any other literal with a message is left and named. ``internals`` renames,
in a rule package (``dpgcheck.rules.*``) or the decision, every top-level rule outside the
package's contract to ``_<name>``, in code only (strings and comments stay). Both keep what the
rules compute: run ``dpgcheck policy test`` on both engines and tests/policies afterwards.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

RULE_CONTRACT = {"findings", "not_applicable"}
DECISION_CONTRACT = {
    "main", "active", "errors", "bundles", "warnings", "decision_version", "fail_on", "verdict",
    "findings", "rules", "indicators", "summary", "scorecard",
}
_STRING_OR_COMMENT = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`|#[^\n]*')
_TOP_LEVEL_RULE = re.compile(r"^(?:default\s+)?([a-z_][a-z0-9_]*)\b(?!\s*\.)", re.MULTILINE)
_KEYWORDS = {"package", "import", "else", "default"}


def code_sub(pattern: str, replacement: str, source: str) -> str:
    """re.sub over the code of a module, leaving its strings and comments as they are."""
    out, position = [], 0
    for match in _STRING_OR_COMMENT.finditer(source):
        out.append(re.sub(pattern, replacement, source[position:match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(re.sub(pattern, replacement, source[position:]))
    return "".join(out)


def _skip(source: str, i: int) -> int | None:
    """The index after the string or comment starting at ``i``, or None."""
    c = source[i]
    if c == '"':
        j = i + 1
        while source[j] != '"':
            j += 2 if source[j] == "\\" else 1
        return j + 1
    if c == "`":
        return source.index("`", i + 1) + 1
    if c == "#":
        j = source.find("\n", i)
        return len(source) if j < 0 else j
    return None


def _closing(source: str, i: int) -> tuple[int, list[int]]:
    """The index after the bracket that closes the one at ``i``, and its top-level commas."""
    depth, j, commas = 0, i, []
    while True:
        after = _skip(source, j)
        if after is not None:
            j = after
            continue
        c = source[j]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return j + 1, commas
        elif c == "," and depth == 1:
            commas.append(j)
        j += 1


def _entries(source: str, start: int, end: int, commas: list[int]) -> list[tuple[str, str]] | None:
    parts, previous = [], start + 1
    for cut in [*commas, end - 1]:
        parts.append(source[previous:cut])
        previous = cut + 1
    entries = []
    for part in parts:
        if not part.strip():
            continue
        match = re.match(r'\s*"(\w+)"\s*:\s*', part)
        if not match:
            return None
        entries.append((match.group(1), part[match.end():].rstrip()))
    return entries


def _add_import(source: str, line: str) -> str:
    lines = source.split("\n")
    package = next(i for i, text in enumerate(lines) if text.startswith("package "))
    j = package + 1
    imports = []
    while j < len(lines) and (lines[j].startswith("import ") or lines[j] == ""):
        if lines[j].startswith("import "):
            imports.append(lines[j])
        j += 1
    return "\n".join([*lines[: package + 1], "", *sorted({*imports, line}), "", *lines[j:]])


def use_result_helper(source: str, where: str) -> tuple[str, list[str]]:
    out, notes, last, i, rewritten = [], [], 0, 0, 0
    while i < len(source):
        after = _skip(source, i)
        if after is not None:
            i = after
            continue
        if source[i] != "{":
            i += 1
            continue
        end, commas = _closing(source, i)
        entries = _entries(source, i, end, commas)
        keys = [key for key, _ in entries or []]
        if "message" in keys and "evidence" in keys:
            values = dict(entries or [])
            if set(keys) - {"message", "evidence", "outcome", "location"} or len(keys) != len(set(keys)) or values.get("outcome", '"insufficient_evidence"') != '"insufficient_evidence"':
                notes.append(f"{where}: left a finding with keys {keys}")
                i += 1
                continue
            name = "insufficient_evidence" if "outcome" in values else "fail"
            arguments = [values["message"], values["evidence"]]
            if "location" in values:
                name += "_at"
                arguments.append(values["location"])
            if "\n" in source[i:end]:
                line_start = source.rfind("\n", 0, i) + 1
                indent = re.match(r"\t*", source[line_start:]).group(0)
                call = f"result.{name}(\n" + "".join(f"{indent}\t{a},\n" for a in arguments) + f"{indent})"
            else:
                call = f"result.{name}({', '.join(arguments)})"
            out += [source[last:i], call]
            last = i = end
            rewritten += 1
            continue
        i += 1
    out.append(source[last:])
    result = "".join(out)
    return (_add_import(result, "import data.dpgcheck.lib.result") if rewritten else result), notes


def mark_internals(source: str, where: str) -> tuple[str, list[str]]:
    package = re.search(r"^package\s+(\S+)", source, re.MULTILINE)
    if not package:
        return source, [f"{where}: no package"]
    path = package.group(1)
    if path.startswith("dpgcheck.rules.") and not path.endswith(('_test"]', "_test")):
        contract = RULE_CONTRACT
    elif path == "dpgcheck.decision":
        contract = DECISION_CONTRACT
    else:
        return source, [f"{where}: package {path} has no fixed contract; rename its helpers by hand"]
    code = _STRING_OR_COMMENT.sub(lambda m: '""' if m.group(0)[0] in '"`' else "", source)
    names = {m.group(1) for m in _TOP_LEVEL_RULE.finditer(code)} - _KEYWORDS - contract
    for name in sorted(n for n in names if not n.startswith("_")):
        source = code_sub(rf"(?<![\w.$]){name}\b", f"_{name}", source)
    return source, []


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in {"result", "internals"}:
        sys.stderr.write(__doc__ or "")
        return 2
    change = use_result_helper if argv[0] == "result" else mark_internals
    for name in argv[1:]:
        path = Path(name)
        source = path.read_text(encoding="utf-8")
        new, notes = change(source, name)
        for note in notes:
            print(note)
        if new != source:
            path.write_text(new, encoding="utf-8")
            print(f"rewrote {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

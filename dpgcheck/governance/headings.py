"""Headings of a text document: Markdown (ATX, setext, bold lines, HTML), reStructuredText and AsciiDoc,
and the text under a heading."""
from __future__ import annotations

import bisect
import re

_ATX = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(\S.*)$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+|~+|\^+|\*+|\++)\s*$")
_ASCIIDOC = re.compile(r"^={1,6}[ \t]+(\S.*)$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_]{2,80})(?:\*\*|__)\s*:?\s*$")
#: Bounded so that a line of unclosed tags cannot make the scan quadratic.
_HTML_HEADING = re.compile(r"<h[1-6](?:\s[^<>]{0,200})?>([^<>\n]{1,200})</h[1-6]>", re.IGNORECASE)


def headings(text: str) -> list[tuple[int, str]]:
    """(line number, heading text) for Markdown (ATX, setext, bold lines, HTML), reStructuredText and AsciiDoc headings."""
    found: list[tuple[int, str]] = []
    lines = text.splitlines()
    in_fence = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for pattern in (_ATX, _ASCIIDOC, _BOLD_LINE):
            match = pattern.match(line)
            if match:
                found.append((index + 1, match.group(1).rstrip().rstrip("#").strip()[:300]))
                break
        else:
            if index > 0 and _SETEXT.match(line) and lines[index - 1].strip() and len(stripped) >= min(3, len(lines[index - 1].strip())):
                previous = lines[index - 1].strip()
                if not _SETEXT.match(previous) and not previous.startswith(("-", "*", "|")):
                    found.append((index, previous))
    starts = None
    for match in _HTML_HEADING.finditer(text):
        if starts is None:
            starts = [i for i, c in enumerate(text) if c == "\n"]
        found.append((bisect.bisect_left(starts, match.start()) + 1, match.group(1).strip()))
    return found


def section(text: str, heads: list[tuple[int, str]], pattern: re.Pattern[str]) -> str | None:
    """The text under the first heading matching ``pattern`` up to the next heading."""
    lines = text.splitlines()
    ordered = sorted(heads)
    for position, (line, heading) in enumerate(ordered):
        if pattern.search(heading):
            end = ordered[position + 1][0] - 1 if position + 1 < len(ordered) else len(lines)
            return "\n".join(lines[line:end])
    return None

"""Text from a checked repository, made safe to show.

File names, directory names and registry record fields come from whoever wrote the
repository or the record. Printed raw, an ANSI or OSC escape sequence can recolour
the auditor's terminal, rewrite its title or hide lines; a carriage return or a
backspace can overwrite what was printed before; a bidirectional override can make
a name read differently from what it is. Every human-readable renderer therefore
passes the report through :func:`clean_report` first: control characters become
visible escapes (``\\x1b``, ``\\r``, ``\\u202e``), so the text shows what is really
there and nothing acts on the terminal. Machine formats keep the exact values, but
written so that the document stays valid (see :func:`xml_safe`).
"""
from __future__ import annotations

import re
from typing import Any

# C0 controls, DEL and C1 controls; bidirectional embeddings, overrides and isolates;
# the Unicode line and paragraph separators; lone surrogates (undecodable names).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

# What XML 1.0 cannot hold at all, not even as a character reference, plus the
# carriage return, C1 controls and the bidirectional controls, which are legal but act
# on a terminal when a CI log prints the file. Tabs and newlines stay.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character written as a visible escape."""
    if text.isprintable():
        # Nothing to escape: every character of _UNSAFE is one that str.isprintable() refuses
        # (Cc, Cf, Zl, Zp, Cs), and that test is a pass in C (a report holds ~19,000 strings).
        return text
    if keep_newlines:
        return "\n".join(_UNSAFE.sub(_escape, line) for line in text.split("\n"))
    return _UNSAFE.sub(_escape, text)


def clean_report(value: Any) -> Any:
    """A copy of a report (or any JSON value) with every string made :func:`printable`."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(k) if isinstance(k, str) else k: clean_report(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_report(item) for item in value]
    return value


def xml_safe(text: str) -> str:
    """Text an XML 1.0 document can hold: characters it forbids become visible escapes."""
    return _XML_UNSAFE.sub(_escape, text)


def json_safe(text: str) -> str:
    """A JSON text with lone surrogates written as ``\\udXXX`` escapes, so it encodes as UTF-8.

    ``json.dumps(..., ensure_ascii=False)`` leaves a lone surrogate (from a record
    that held ``"\\ud800"``) as a raw character, which no UTF-8 writer accepts. Such a
    character can only occur inside a JSON string, where the escape is valid JSON.
    """
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


def markdown_text(text: str) -> str:
    """Plain text for Markdown: markup characters escaped, so a name cannot add links, HTML or emphasis."""
    # Brackets are escaped, so parentheses cannot complete a link; '&' is, so no character reference works.
    return re.sub(r"([\\`*_\[\]<>|~&])", r"\\\1", printable(text))


def markdown_code(text: str) -> str:
    """A Markdown code span holding ``text`` exactly, whatever backticks it contains.

    Pipes are escaped too: GitHub's tables split cells at ``|`` even inside code spans.
    """
    text = printable(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"

"""The text report's line wrapping and escaping: the quick paths give what the general ones give."""
from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from dpgcheck.report.safe import _UNSAFE, _escape, printable
from dpgcheck.report.text import _wrap

# Words, single and double spaces, hyphens, tabs and newlines, long words, non-ASCII and control
# characters: the quick path must either give textwrap's lines or leave the text to textwrap.
WORD = st.text(alphabet=st.sampled_from(list("abcxyz-./:@") + ["é", "语", "\u00a0", "\u202e", "\x1b"]), min_size=0, max_size=30)
TEXT = st.lists(st.tuples(WORD, st.sampled_from([" ", " ", " ", "  ", "\t", "\n", ""])), max_size=40).map(lambda parts: "".join(w + s for w, s in parts))


def textwrap_lines(text: str, indent: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False) or [indent]


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(TEXT, st.sampled_from(["", "  ", "      "]), st.integers(min_value=10, max_value=120))
def test_wrap_gives_textwraps_lines(text: str, indent: str, width: int) -> None:
    assert _wrap(text, indent, width) == textwrap_lines(text, indent, width)


def test_wrap_of_a_typical_finding_message() -> None:
    message = (".github/workflows/build-000.yml uses actions/setup-java@v4 by a tag, which its owner can move: "
               "pin it by the full commit hash (the tag can stay in a comment)")
    lines = _wrap(message, "    ", 60)
    assert lines == textwrap_lines(message, "    ", 60) and len(lines) == 4 and all(len(line) <= 60 for line in lines)


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.text(max_size=60))
def test_printable_escapes_exactly_what_the_pattern_names(text: str) -> None:
    assert printable(text) == _UNSAFE.sub(_escape, text)

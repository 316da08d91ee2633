"""What the terminal wants: colour or not, and how wide to write.

Colour is on for a terminal and off for a pipe or a file. ``--color``/``--no-color``
decide first; then ``NO_COLOR`` (https://no-color.org: set and not empty means no
colour), then ``FORCE_COLOR`` (https://force-color.org: set and not empty means
colour, even in a pipe), then ``TERM=dumb``, then whether the stream is a terminal.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO

DEFAULT_WIDTH = 100
MAX_WIDTH = 160


def use_color(flag: bool | None, stream: IO[str], env: Mapping[str, str] = os.environ) -> bool:
    if flag is not None:
        return flag
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def width(stream: IO[str]) -> int:
    """The terminal's width when writing to one (``COLUMNS`` overrides it), else 100.

    A report written to a pipe or a file keeps the fixed width, so it does not depend on
    the window the command happened to run in. Never above 160, for readability.
    """
    try:
        if not stream.isatty():
            return DEFAULT_WIDTH
        override = os.environ.get("COLUMNS", "")
        # COLUMNS as shutil.get_terminal_size reads it (not imported: shutil brings bz2 and lzma)
        columns = int(override) if override.isdigit() else os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return DEFAULT_WIDTH
    return min(columns, MAX_WIDTH) if columns > 0 else DEFAULT_WIDTH

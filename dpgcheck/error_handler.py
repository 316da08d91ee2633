"""Turn exceptions into a message and a documented exit code."""
from __future__ import annotations

import contextlib
import platform
import sys
import traceback
from collections.abc import Iterator

from dpgcheck import __version__
from dpgcheck.errors import EXIT_INTERNAL, EXIT_USAGE, DpgcheckError


def internal_error_report(exc: BaseException) -> str:
    return "\n".join(
        [
            "### dpgcheck internal error",
            "",
            f"- dpgcheck {__version__}, Python {platform.python_version()}, {platform.platform()}",
            f"- command: `{' '.join(sys.argv)}`",
            "",
            "```",
            "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip(),
            "```",
            "",
            "Please paste this report into a bug report.",
        ]
    )


@contextlib.contextmanager
def error_handler() -> Iterator[None]:
    try:
        yield
    except DpgcheckError as exc:
        sys.stderr.write(f"dpgcheck: error: {exc}\n")
        raise SystemExit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except (SystemExit, GeneratorExit):
        raise
    except Exception as exc:  # noqa: BLE001 - this is the last line of defence
        sys.stderr.write(internal_error_report(exc) + "\n")
        raise SystemExit(EXIT_INTERNAL) from None

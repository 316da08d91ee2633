"""Turn exceptions into a message and a documented exit code."""
from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dpgcheck import __version__
from dpgcheck.errors import EXIT_INTERNAL, EXIT_USAGE, DpgcheckError
from dpgcheck.report.safe import printable

if TYPE_CHECKING:
    import click


SECRET_OPTIONS = ("--opa-token",)


def redacted_command(argv: list[str]) -> str:
    """The command line with secrets (token values) replaced, safe to paste into a bug report."""
    shown, hide_next = [], False
    for arg in argv:
        if hide_next:
            shown.append("***")
            hide_next = False
        elif arg in SECRET_OPTIONS:
            shown.append(arg)
            hide_next = True
        elif arg.startswith(tuple(f"{option}=" for option in SECRET_OPTIONS)):
            shown.append(arg.split("=", 1)[0] + "=***")
        else:
            shown.append(arg)
    return " ".join(shown)


def internal_error_report(exc: BaseException) -> str:
    import platform
    import traceback

    return "\n".join(
        [
            "### dpgcheck internal error",
            "",
            f"- dpgcheck {__version__}, Python {platform.python_version()}, {platform.platform()}",
            f"- command: `{redacted_command(sys.argv)}`",
            "",
            "```",
            "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).rstrip(),
            "```",
            "",
            "Please paste this report into a bug report.",
        ]
    )


def usage_error_line(exc: "click.ClickException") -> str:
    """Click's usage error as one line that names the fix (instead of its usage block)."""
    import click

    message = " ".join(exc.format_message().split()).rstrip(".")
    ctx = getattr(exc, "ctx", None)
    param = getattr(exc, "param", None)
    help_hint = f"see `{ctx.command_path} --help`" if ctx is not None else "see `dpgcheck --help`"
    if isinstance(exc, click.BadParameter) and param is not None and isinstance(param.type, click.Choice):
        name = param.opts[-1] if getattr(param, "opts", None) else param.human_readable_name
        choices = [str(c) for c in param.type.choices]
        problem = " ".join(str(exc.message).split()).rstrip(".")
        if str(name).startswith("-"):
            return f"{name}: {problem}; write one of them, e.g. {name} {choices[0]}"
        return f"{name}: {problem}; give one of: {', '.join(choices)}"
    return f"{message}{' ' if message.endswith(('?', ')')) else '; '}{help_hint}"


def silence_stdout() -> None:
    """The reader of standard output has gone (``dpgcheck policy list | head -1``): drop the rest.

    Standard output is pointed at the null device so that neither later writes nor the
    flush at exit raise again; a closed pipe is a normal end, not an error.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # pragma: no cover - stdout without a descriptor
        pass


def flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except (OSError, ValueError):  # pragma: no cover - stdout already closed
        pass


@contextlib.contextmanager
def error_handler() -> Iterator[None]:
    import click

    try:
        yield
        flush_stdout()
    except BrokenPipeError:
        silence_stdout()
        raise SystemExit(0) from None
    except SystemExit:
        flush_stdout()
        raise
    except DpgcheckError as exc:
        # Messages quote paths and names from the input: escapes in them must not reach the terminal.
        sys.stderr.write(f"dpgcheck: error: {printable(str(exc))}\n")
        raise SystemExit(EXIT_USAGE) from None
    except click.ClickException as exc:
        sys.stderr.write(f"dpgcheck: error: {printable(usage_error_line(exc))}\n")
        raise SystemExit(exc.exit_code if isinstance(exc, click.UsageError) else EXIT_USAGE) from None
    except click.exceptions.Abort:
        raise SystemExit(130) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except GeneratorExit:
        raise
    except Exception as exc:  # noqa: BLE001 - this is the last line of defence
        sys.stderr.write(printable(internal_error_report(exc), keep_newlines=True) + "\n")
        raise SystemExit(EXIT_INTERNAL) from None

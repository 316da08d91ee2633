"""Write a command's text output: to standard output (a closed pipe is a normal end) or to ``-o FILE``
(every write error is a one-line input error naming the path and the fix)."""
from __future__ import annotations

from pathlib import Path

from dpgcheck.errors import DpgcheckError


def write_output(text: str, output: Path | None) -> None:
    import sys

    if output is None:
        try:
            sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader closed the pipe (`dpgcheck check | head`): a normal end, the verdict stands.
            from dpgcheck.error_handler import silence_stdout

            silence_stdout()
        return
    try:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except FileNotFoundError:
        raise DpgcheckError(
            f"cannot write here: the directory {output.parent} does not exist; create it first or give -o a path in an existing directory",
            path=str(output),
        ) from None
    except IsADirectoryError:
        raise DpgcheckError("is a directory; give -o a file name inside it, e.g. -o " + str(output / "report.txt"), path=str(output)) from None
    except PermissionError:
        raise DpgcheckError("permission denied; give -o a path you can write to", path=str(output)) from None
    except OSError as exc:
        raise DpgcheckError(f"cannot write the output: {exc.strerror or exc}; give -o another path", path=str(output)) from None

"""The one error type a user must fix, and its exit codes."""
from __future__ import annotations

EXIT_PASS = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class DpgcheckError(Exception):
    """A problem with the user's input or environment, with the fix in the message.

    The CLI prints it as one line and exits with ``EXIT_USAGE``.
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)

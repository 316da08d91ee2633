"""Run read-only git commands on a repository, never hooks or configured programs."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

GIT_TIMEOUT_SECONDS = 120


class GitUnavailable(Exception):
    """git is missing, timed out, or refused the command."""

    def __init__(self, message: str, *, returncode: int | None = None) -> None:
        super().__init__(message)
        self.returncode = returncode


def git(root: Path, *args: str, timeout: float = GIT_TIMEOUT_SECONDS) -> str:
    # -c options switch off anything in the checked repository's config that could run a program.
    command = [
        "git", "-C", str(root),
        "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
        "-c", "diff.external=", "-c", "core.pager=cat",
        *args,
    ]
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        result = subprocess.run(command, capture_output=True, timeout=timeout, env=env)
    except FileNotFoundError as exc:
        raise GitUnavailable("git is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitUnavailable(f"git {args[0]} timed out after {timeout:.0f} s") from exc
    if result.returncode != 0:
        first = result.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise GitUnavailable(f"git {args[0]} failed: {first[0] if first else result.returncode}", returncode=result.returncode)
    return result.stdout.decode("utf-8", "replace")

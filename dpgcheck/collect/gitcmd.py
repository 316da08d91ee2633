"""Run read-only git commands on a repository, never hooks or configured programs."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

GIT_TIMEOUT_SECONDS = 60

#: Settings that override anything in the checked repository's own .git/config that could
#: make git run a program (fsmonitor, hooks, pagers, external diff, signature checks with
#: gpg.program, credential and ssh helpers) or read outside the repository (mailmap files).
SAFE_CONFIG: tuple[str, ...] = tuple(
    item
    for setting in (
        "core.fsmonitor=false",
        "core.hooksPath=/dev/null",
        "core.pager=cat",
        "core.sshCommand=",
        "core.askPass=",
        "core.alternateRefsCommand=",
        "diff.external=",
        "log.showSignature=false",
        "gpg.program=/nonexistent/dpgcheck-refuses-gpg",
        "gpg.ssh.program=/nonexistent/dpgcheck-refuses-gpg",
        "gpg.x509.program=/nonexistent/dpgcheck-refuses-gpg",
        "credential.helper=",
        "protocol.allow=never",
        "mailmap.file=",
        "mailmap.blob=",
    )
    for item in ("-c", setting)
)


def safe_env() -> dict[str, str]:
    return {
        **os.environ,
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_NO_REPLACE_OBJECTS": "1",
        "LC_ALL": "C",
    }


class GitUnavailable(Exception):
    """git is missing, timed out, or refused the command."""

    def __init__(self, message: str, *, returncode: int | None = None) -> None:
        super().__init__(message)
        self.returncode = returncode


def git(root: Path, *args: str, timeout: float = GIT_TIMEOUT_SECONDS) -> str:
    command = ["git", "-C", str(root), *SAFE_CONFIG, *args]
    try:
        result = subprocess.run(command, capture_output=True, timeout=timeout, env=safe_env(), stdin=subprocess.DEVNULL)
    except FileNotFoundError as exc:
        raise GitUnavailable("git is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitUnavailable(f"git {args[0]} timed out after {timeout:.0f} s") from exc
    if result.returncode != 0:
        first = result.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise GitUnavailable(f"git {args[0]} failed: {first[0] if first else result.returncode}", returncode=result.returncode)
    return result.stdout.decode("utf-8", "replace")

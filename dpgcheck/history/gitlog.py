"""Stream ``git log`` records without holding the whole output in memory."""
from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

from dpgcheck.gitcmd import SAFE_CONFIG, GitUnavailable, git_program, safe_env

LOG_TIMEOUT_SECONDS = 120
FIELD = "\x1f"

def stream_log(root: Path, *, max_count: int, fields: str, timeout: float = LOG_TIMEOUT_SECONDS) -> Iterator[list[str]]:
    """Yield the fields of each commit reachable from HEAD, newest first, at most ``max_count``.

    ``fields`` are ``git log`` placeholders joined by ``%x1f``; commits are NUL-separated (``-z``).
    """
    command = [
        git_program(), "-C", str(root), *SAFE_CONFIG, "log", "-z", f"--max-count={max_count}",
        f"--format={fields}", "--no-color", "HEAD", "--",
    ]
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=safe_env()
        )
    except FileNotFoundError as exc:
        raise GitUnavailable("git is not installed") from exc
    timed_out = threading.Event()

    def _kill() -> None:
        timed_out.set()
        process.kill()

    timer = threading.Timer(timeout, _kill)
    timer.start()
    try:
        assert process.stdout is not None
        pending = b""
        while True:
            chunk = process.stdout.read(1 << 16)
            if not chunk:
                break
            pending += chunk
            *records, pending = pending.split(b"\0")
            for record in records:
                yield record.decode("utf-8", "replace").lstrip("\n").split(FIELD)
        if pending.strip():
            yield pending.decode("utf-8", "replace").strip("\n").split(FIELD)
        stderr = process.stderr.read() if process.stderr else b""
        code = process.wait()
    finally:
        timer.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()
    if timed_out.is_set():
        raise GitUnavailable(f"git log timed out after {timeout:.0f} s")
    if code != 0:
        first = stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise GitUnavailable(f"git log failed: {first[0] if first else code}")

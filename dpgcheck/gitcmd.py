"""Run read-only git commands on a repository, never hooks or configured programs."""
from __future__ import annotations

import os
import subprocess
import threading
import time
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


_programs: dict[str | None, str] = {}
#: What runs when no absolute PATH entry holds git: nothing (a bare "git" would be looked for in
#: relative entries too).
NO_GIT = "/nonexistent/dpgcheck-found-no-git-on-PATH/git"


def git_program() -> str:
    """The git that ``PATH`` names, as an absolute path, found once per value of ``PATH``.

    Entries that are not absolute (an empty one means the current directory) are skipped: a
    ``git`` in the directory dpgcheck runs from, perhaps the checked repository, is never run,
    as it would be if ``subprocess`` searched ``PATH`` for the bare name. Without git in an
    absolute ``PATH`` entry, a path that does not exist is returned, and starting it fails as
    a missing git does. (Each call also no longer tries every ``PATH`` entry in turn.)
    """
    search = os.environ.get("PATH")
    found = _programs.get(search)
    if found is None:
        found = NO_GIT
        for folder in (search if search is not None else os.defpath).split(os.pathsep):
            candidate = os.path.join(folder, "git")
            if os.path.isabs(folder) and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                found = candidate
                break
        _programs[search] = found
    return found


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


def git_bytes(
    root: Path, *args: str, input: bytes | None = None, timeout: float = GIT_TIMEOUT_SECONDS, config: tuple[str, ...] = ()
) -> bytes:
    """The raw standard output of ``git -C ROOT`` with the safe settings, then CONFIG (more
    ``-c`` pairs), then ARGS (for ``-z`` output and file contents)."""
    command = [git_program(), "-C", str(root), *SAFE_CONFIG, *config, *args]
    try:
        result = subprocess.run(
            command, capture_output=True, timeout=timeout, env=safe_env(),
            input=input, stdin=subprocess.DEVNULL if input is None else None,
        )
    except FileNotFoundError as exc:
        raise GitUnavailable("git is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitUnavailable(f"git {args[0]} timed out after {timeout:.0f} s") from exc
    if result.returncode != 0:
        first = result.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise GitUnavailable(f"git {args[0]} failed: {first[0] if first else result.returncode}", returncode=result.returncode)
    return result.stdout


def git(root: Path, *args: str, timeout: float = GIT_TIMEOUT_SECONDS, config: tuple[str, ...] = ()) -> str:
    """``git -C ROOT`` with the safe settings, then CONFIG (more ``-c`` pairs), then ARGS, as text."""
    return git_bytes(root, *args, timeout=timeout, config=config).decode("utf-8", "replace")


class BlobReader:
    """Objects read from one long-lived ``git cat-file --batch``, by object id.

    Safe to share between threads (one request at a time). Each read has a deadline:
    a git that stops answering is killed and the read fails with :class:`GitUnavailable`.
    """

    def __init__(self, root: Path, *, timeout: float = GIT_TIMEOUT_SECONDS) -> None:
        self._root = root
        self._timeout = timeout
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._watchdog: _Watchdog | None = None
        self._broken: str | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    [git_program(), "-C", str(self._root), *SAFE_CONFIG, "cat-file", "--batch"],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=safe_env(),
                )
            except FileNotFoundError as exc:
                raise GitUnavailable("git is not installed") from exc
            self._watchdog = _Watchdog(self._process)
        return self._process

    def read(self, object_id: str) -> bytes:
        with self._lock:
            if self._broken:
                raise GitUnavailable(self._broken)
            process = self._start()
            assert process.stdin is not None and process.stdout is not None
            assert self._watchdog is not None
            self._watchdog.arm(self._timeout)
            try:
                process.stdin.write(object_id.encode("ascii") + b"\n")
                process.stdin.flush()
                header = process.stdout.readline().split()
                if len(header) != 3:
                    raise GitUnavailable(f"git cat-file: object {object_id} is {b' '.join(header[1:]).decode() or 'unreadable'}")
                size = int(header[2])
                data = process.stdout.read(size + 1)  # the object and its trailing newline
                if len(data) != size + 1:
                    raise GitUnavailable("git cat-file stopped answering")
                return data[:size]
            except (OSError, ValueError, GitUnavailable) as exc:
                if not isinstance(exc, GitUnavailable) or "stopped" in str(exc):
                    self._broken = f"git cat-file failed: {exc}"
                    raise GitUnavailable(self._broken) from None
                raise
            finally:
                self._watchdog.disarm()

    def close(self) -> None:
        with self._lock:
            if self._watchdog is not None:
                self._watchdog.stop()
                self._watchdog = None
            if self._process is not None:
                for stream in (self._process.stdin, self._process.stdout):
                    if stream is not None:
                        try:
                            stream.close()
                        except OSError:  # a git killed at its deadline: the unwritten request is dropped
                            pass
                try:
                    self._process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
                self._process = None


class _Watchdog:
    """One thread per ``git cat-file`` that kills it when a read runs past its deadline.

    A ``threading.Timer`` per read started a thread for every object (a third of a hook
    run's time on a 175-file repository); this thread sleeps until a deadline is armed.
    """

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._wake = threading.Condition()
        self._deadline: float | None = None
        self._stopped = False
        threading.Thread(target=self._watch, name="dpgcheck-cat-file-watchdog", daemon=True).start()

    def arm(self, seconds: float) -> None:
        with self._wake:
            self._deadline = time.monotonic() + seconds
            self._wake.notify()

    def disarm(self) -> None:
        with self._wake:
            self._deadline = None  # the thread finds it gone when it wakes

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify()

    def _watch(self) -> None:
        with self._wake:
            while not self._stopped:
                if self._deadline is None:
                    self._wake.wait()
                    continue
                remaining = self._deadline - time.monotonic()
                if remaining <= 0:
                    self._process.kill()
                    self._deadline = None
                    continue
                self._wake.wait(remaining)

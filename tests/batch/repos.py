"""Many small real git repositories, made cheaply (one ``git fast-import`` for all of them).

Every repository has a real history (several commits by several people over
months) and a work tree; the files vary with the repository's number, so the
decisions vary too.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import GIT_ENV, ROOT

APACHE = (ROOT / "LICENSE").read_text(encoding="utf-8")
START = 1_767_225_600  # 2026-01-01T00:00:00Z
DAY = 86_400


def _files(number: int, commit: int) -> dict[str, str]:
    files = {"README.md": f"# project {number}\n\nRevision {commit}.\n", "src/main.py": f"print({number * 100 + commit})\n"}
    if number % 3 != 0:
        files["LICENSE"] = APACHE
    if number % 4 == 0:
        files["CONTRIBUTING.md"] = "# Contributing\n\nOpen a pull request.\n"
    if number % 5 == 0:
        files["CODE_OF_CONDUCT.md"] = "# Code of conduct\n\nBe kind.\n"
    if number % 7 == 0:
        files["SECURITY.md"] = "# Security\n\nReport vulnerabilities to https://example.org/security within 90 days.\n"
    return files


def _stream(number: int, commits: int, mark_base: int) -> bytes:
    out: list[bytes] = []
    for commit in range(commits):
        files = _files(number, commit)
        when = START + commit * 9 * DAY + number * 60
        author = f"dev{commit % 3}"
        message = f"change {commit}\n".encode()
        out.append(f"commit refs/heads/r{number:05d}\nmark :{mark_base + commit + 1}\n".encode())
        out.append(f"author {author} <{author}@example.org> {when} +0000\n".encode())
        out.append(f"committer {author} <{author}@example.org> {when} +0000\n".encode())
        out.append(b"data %d\n%s" % (len(message), message))
        if commit == 0:
            out.append(b"deleteall\n")
        for name, text in sorted(files.items()):
            data = text.encode()
            out.append(f"M 100644 inline {name}\n".encode() + b"data %d\n%s\n" % (len(data), data))
    return b"".join(out)


def generate(root: Path, count: int, *, commits: int = 4, prefix: str = "repo") -> list[Path]:
    """COUNT repositories ROOT/<prefix>NNNN, each with COMMITS commits and its files in the work tree.

    One ``git fast-import`` writes every commit into a shared object store; each
    repository is a normal ``.git`` whose objects come from that store (git's
    alternates, as ``git clone --shared`` makes) and whose ``main`` branch holds
    its own history. No git process runs per repository.
    """
    root.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **GIT_ENV}
    store = root / ".objects.git"
    subprocess.run(["git", "init", "-q", "--bare", str(store)], check=True, env=env)
    marks = root / ".marks"
    stream = b"".join(_stream(number, commits, number * commits) for number in range(count))
    subprocess.run(["git", "-C", str(store), "fast-import", "--quiet", f"--export-marks={marks}"], input=stream, check=True, env=env)
    sha = dict(line.split() for line in marks.read_text().splitlines())
    made = []
    for number in range(count):
        repo = root / f"{prefix}{number:04d}"
        git_dir = repo / ".git"
        for folder in ("objects/info", "objects/pack", "refs/heads", "refs/tags"):
            (git_dir / folder).mkdir(parents=True)
        (git_dir / "HEAD").write_text("ref: refs/heads/main\n")
        (git_dir / "config").write_text("[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n")
        (git_dir / "objects/info/alternates").write_text(str(store / "objects") + "\n")
        (git_dir / "refs/heads/main").write_text(sha[f":{number * commits + commits}"] + "\n")
        for name, text in _files(number, commits - 1).items():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_text(text, encoding="utf-8")
        made.append(repo)
    return made

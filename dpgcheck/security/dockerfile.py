"""Dockerfiles: ``FROM`` images (pinned by digest or not) and ``RUN`` commands that pipe a
download into a shell. Continuation lines are joined; findings keep the line where the
instruction starts (or, inside a ``RUN``, the line of the download)."""
from __future__ import annotations

import re
from dpgcheck.shapes import ImageUse, PipedDownload

from dpgcheck.patterns import lazy
from dpgcheck.security.text import downloads_in, image_pinned, shorten

SYSTEM = "dockerfile"
_INSTRUCTION = lazy(r"^\s*([A-Za-z]+)\s+(.*)$", re.DOTALL)
_ESCAPE = lazy(r"^#\s*escape\s*=\s*(\S)", re.IGNORECASE)


_NOT_DOCKERFILE = (".py", ".go", ".rs", ".java", ".js", ".ts", ".md", ".txt", ".json", ".yml", ".yaml", ".sh", ".rst", ".html", ".j2", ".tpl", ".tmpl", ".erb")


def is_dockerfile(lower_path: str) -> bool:
    name = lower_path.rsplit("/", 1)[-1]
    if name in ("dockerfile", "containerfile") or name.endswith(".dockerfile"):
        return True
    return name.startswith(("dockerfile.", "dockerfile-", "dockerfile_")) and not name.endswith(_NOT_DOCKERFILE)


def _instructions(text: str) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """(first line, keyword, [(line, text)...]) for every instruction, continuations joined."""
    lines = text.splitlines()
    escape = "\\"
    if lines and (m := _ESCAPE.match(lines[0].strip())):
        escape = m.group(1)
    out: list[tuple[int, str, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue  # comment lines inside a continued instruction are dropped by Docker
        body = raw.rstrip()
        continued = body.endswith(escape)
        current.append((number, body[:-1] if continued else body))
        if not continued:
            first = current[0]
            match = _INSTRUCTION.match(first[1])
            if match:
                out.append((first[0], match.group(1).upper(), [(first[0], match.group(2))] + current[1:]))
            current = []
    if current:
        match = _INSTRUCTION.match(current[0][1])
        if match:
            out.append((current[0][0], match.group(1).upper(), [(current[0][0], match.group(2))] + current[1:]))
    return out


def read(path: str, text: str) -> tuple[list[ImageUse], list[PipedDownload]]:
    images: list[ImageUse] = []
    downloads: list[PipedDownload] = []
    stages: set[str] = set()
    for line, keyword, parts in _instructions(text):
        if keyword == "FROM":
            words = [w for w in parts[0][1].split() if not w.startswith("--")]
            if not words:
                continue
            image = words[0]
            if len(words) >= 3 and words[1].lower() == "as":
                stage = words[2].lower()
            else:
                stage = None
            if image.lower() in stages or image.lower() == "scratch":
                if stage:
                    stages.add(stage)
                continue
            if stage:
                stages.add(stage)
            images.append({"path": path, "line": line, "image": shorten(image), "source": SYSTEM, "pinned": image_pinned(image), "variable": "$" in image})
        elif keyword == "RUN":
            joined = ""
            starts: list[tuple[int, int]] = []
            for part_line, part in parts:
                starts.append((len(joined), part_line))
                joined += part + " "
            for offset, command in downloads_in(joined):
                at = max(line_ for start, line_ in starts if start <= offset) if starts else line
                downloads.append({"path": path, "line": at, "source": SYSTEM, "command": command})
    return images, downloads

"""Supply-chain security facts, the offline part of OpenSSF Scorecard.

CI workflows (GitHub Actions under ``.github/workflows/``, GitLab CI in ``.gitlab-ci.yml``)
are parsed with the bounded YAML loader; Dockerfiles and shell scripts are read as text;
every other file's first bytes are looked at for binary artefacts. Nothing is run, fetched
or resolved; what a pattern means (dangerous, unpinned, acceptable) is for the rules.
"""
from __future__ import annotations

from typing import Any

from dpgcheck.collect.options import CollectOptions
from dpgcheck.problems import problem
from dpgcheck.collect.repo_view import FileEntry, RepoView
from dpgcheck.security import binaries, dockerfile, fuzzing, github_actions, gitlab_ci, updates, workflows
from dpgcheck.security.text import downloads_in
from dpgcheck.shapes import (
    ActionUse, BinaryArtefact, Checkout, FuzzingSetup, ImageUse, PipedDownload, ScriptExpression, SecurityFacts, UpdateTool, Workflow,
)

SECTION = "security"
MAX_TEXT_BYTES = 512 * 1024
#: Binary heads are read for at most this many files (a huge tree is sampled in path order).
MAX_HEADS = 50_000
_SHELL_SUFFIXES = (".sh", ".bash", ".zsh", ".ksh")


def _workflow_kind(lower: str) -> str | None:
    if lower.startswith(".github/workflows/") and lower.count("/") == 2 and lower.endswith((".yml", ".yaml")):
        return github_actions.SYSTEM
    if lower == ".gitlab-ci.yml" or lower.endswith((".gitlab-ci.yml", ".gitlab-ci.yaml")):
        return gitlab_ci.SYSTEM
    return None


def _unreadable(path: str, system: str, code: str, message: str, line: int | None) -> Workflow:
    entry: Workflow = {"path": path, "system": system, "readable": False, "triggers": [], "permissions": None, "jobs": [],
                             "problem": {"code": code, "message": message}}
    if line:
        entry["problem"]["line"] = line
    return entry


def _read_workflows(view: RepoView) -> tuple[list[Workflow], dict[str, list[Any]]]:
    """Every workflow's summary, and the lists of :data:`workflows.LISTS` from them all, paths filled in."""
    summaries: list[Workflow] = []
    pending: list[tuple[FileEntry, str, bytes]] = []
    for entry in view.files:
        if entry.is_symlink and not entry.link_inside:
            continue
        system = _workflow_kind(entry.lower)
        if system is None:
            continue
        if entry.size > workflows.MAX_WORKFLOW_BYTES:
            message = f"file is {entry.size} bytes, over the {workflows.MAX_WORKFLOW_BYTES}-byte limit for a workflow; not read"
            view.problems.append(problem(SECTION, "file-too-large", message, entry.path))
            summaries.append(_unreadable(entry.path, system, "file-too-large", message, None))
            continue
        data = view.read_bytes(entry.path, source=SECTION, limit=workflows.MAX_WORKFLOW_BYTES)
        if data is None:
            summaries.append(_unreadable(entry.path, system, "unreadable", "the file could not be read", None))
            continue
        pending.append((entry, system, data))
    joined = workflows.cached_read_set([(entry.path, system, data) for entry, system, data in pending])
    for (entry, system, _), summary, refused in zip(pending, joined["summaries"], joined["refused"]):
        if refused:
            where = f" (line {refused['line']})" if refused.get("line") else ""
            view.problems.append(problem(SECTION, f"workflow-{refused['code']}", f"workflow not read: {refused['message']}{where}", entry.path))
            summary = _unreadable(entry.path, system, refused["code"], refused["message"], refused.get("line"))
        summaries.append(summary)
    return summaries, {name: joined[name] for name in workflows.LISTS}


def _read_text(view: RepoView, entry: FileEntry) -> str | None:
    # The view records a file over the limit as file-too-large and does not read it.
    return view.read_text(entry.path, source=SECTION, limit=MAX_TEXT_BYTES)


def collect(view: RepoView, options: CollectOptions) -> SecurityFacts:
    actions: list[ActionUse] = []
    images: list[ImageUse] = []
    downloads: list[PipedDownload] = []
    checkouts: list[Checkout] = []
    expressions: list[ScriptExpression] = []
    update_tools: list[UpdateTool] = []
    found_binaries: list[BinaryArtefact] = []
    fuzz: list[FuzzingSetup] = []
    heads = 0
    fuzz_reads = 0
    # The workflows' items come first and the other files' after them; each list is sorted by
    # place at the end (a stable sort: items at one place keep the order they were read in).
    workflows_found, lists = _read_workflows(view)
    actions += lists["actions"]
    images += lists["images"]
    downloads += lists["downloads"]
    checkouts += lists["checkouts"]
    expressions += lists["expressions"]
    for entry in view.files:
        if entry.is_symlink and not entry.link_inside:
            continue
        lower = entry.lower
        if _workflow_kind(lower) is not None:
            continue
        tool = updates.tool_of(lower)
        if tool is not None:
            update_tools.append({"path": entry.path, "tool": tool})
        if dockerfile.is_dockerfile(lower):
            text = _read_text(view, entry)
            if text is not None:
                got_images, got_downloads = dockerfile.read(entry.path, text)
                images += got_images
                downloads += got_downloads
            continue
        if lower.endswith(_SHELL_SUFFIXES):
            text = _read_text(view, entry)
            if text is not None:
                for offset, command in downloads_in(text):
                    downloads.append({"path": entry.path, "line": fuzzing.line_of(text, offset), "source": "shell", "command": command})
            continue
        kind = fuzzing.by_path(lower)
        if kind is not None:
            fuzz.append({"path": entry.path, "kind": kind, "line": None})
        rule = fuzzing.content_rule(lower)
        if rule is not None and entry.size <= fuzzing.MAX_TEXT_BYTES:
            if fuzz_reads < fuzzing.MAX_FILES_READ:
                fuzz_reads += 1
                text = view.read_text(entry.path, source=SECTION, limit=fuzzing.MAX_TEXT_BYTES)
                match = rule[1].search(text) if text is not None else None
                if match:
                    fuzz.append({"path": entry.path, "kind": rule[0], "line": fuzzing.line_of(text or "", match.start())})
            elif fuzz_reads == fuzzing.MAX_FILES_READ:
                fuzz_reads += 1
                view.problems.append(problem(SECTION, "too-many-files", f"more than {fuzzing.MAX_FILES_READ} test and manifest files; the rest were not searched for fuzzing set-ups"))
        if entry.size >= 4 and heads < MAX_HEADS:
            heads += 1
            head = view.read_head(entry, binaries.HEAD_BYTES, source=SECTION)
            binary = binaries.kind_of(head, lower) if head else None
            if binary is not None:
                found_binaries.append({"path": entry.path, "kind": binary, "place": binaries.place_of(lower), "size": entry.size})
    by_place = lambda items: sorted(items, key=lambda i: (i["path"], i.get("line") or 0))  # noqa: E731
    return {
        "workflow_count": len(workflows_found),
        "workflows": sorted(workflows_found, key=lambda w: w["path"]),
        "actions": by_place(actions),
        "images": by_place(images),
        "downloads": by_place(downloads),
        "checkouts": by_place(checkouts),
        "expressions": sorted(expressions, key=lambda e: (e["path"], e["line"], e["context"])),
        "dependency_update_tools": sorted(update_tools, key=lambda t: t["path"]),
        "binaries": sorted(found_binaries, key=lambda b: b["path"]),
        "fuzzing": sorted(fuzz, key=lambda f: (f["path"], f["kind"])),
    }

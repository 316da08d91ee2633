"""GitHub Actions workflows: triggers, token permissions, ``uses:`` references, container
images, checkouts with an explicit ref, ``github.*`` contexts expanded into scripts, and
downloads piped into a shell. The workflow is a parsed value from the bounded YAML loader;
nothing here runs or resolves anything."""
from __future__ import annotations

from typing import Any

from dpgcheck.shapes import ActionUse, Checkout, ImageUse, Permissions, PipedDownload, ScriptExpression, Workflow, WorkflowJob
from dpgcheck.security.text import contexts_in, downloads_in, image_pinned, sha_pinned, shorten, value_line


def _mapping(value: Any) -> dict[Any, Any]:
    """A YAML mapping, or an empty one for anything else (a workflow may hold any shape)."""
    return value if isinstance(value, dict) else {}


def _sequence(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []

SYSTEM = "github-actions"
_PERMISSION_LEVELS = {"read", "write", "none"}


class Found:
    """What one workflow file contributes to the security facts."""

    def __init__(self) -> None:
        self.actions: list[ActionUse] = []
        self.images: list[ImageUse] = []
        self.downloads: list[PipedDownload] = []
        self.checkouts: list[Checkout] = []
        self.expressions: list[ScriptExpression] = []


def _triggers(on: Any) -> list[str]:
    if isinstance(on, str):
        return [on]
    if isinstance(on, list):
        return sorted({str(t) for t in on if isinstance(t, (str, int, float))})
    if isinstance(on, dict):
        return sorted(str(t) for t in on)
    return []


def permissions(value: Any, line: int) -> Permissions:
    """A ``permissions:`` value as facts: its level and the scopes it grants write to."""
    if isinstance(value, str):
        level = value.strip().lower()
        return {"line": line, "level": level if level in ("read-all", "write-all") else "unknown", "write": [], "read": []}
    if isinstance(value, dict):
        write = sorted(str(k) for k, v in value.items() if str(v).lower() == "write")
        read = sorted(str(k) for k, v in value.items() if str(v).lower() == "read")
        unknown = any(str(v).lower() not in _PERMISSION_LEVELS for v in value.values())
        level = "unknown" if unknown else ("none" if not write and not read else "scoped")
        return {"line": line, "level": level, "write": write, "read": read}
    if value is None:
        return {"line": line, "level": "none", "write": [], "read": []}
    return {"line": line, "level": "unknown", "write": [], "read": []}


def _action(path: str, line: int, job: str, ref: str) -> ActionUse:
    ref = ref.strip()
    if ref.startswith("./") or ref.startswith("../"):
        return {"path": path, "line": line, "job": job, "ref": shorten(ref), "kind": "local", "github_owned": False, "pinned": True}
    if ref.startswith("docker://"):
        return {"path": path, "line": line, "job": job, "ref": shorten(ref), "kind": "docker", "github_owned": False, "pinned": image_pinned(ref)}
    name, _, version = ref.partition("@")
    kind = "reusable-workflow" if "/.github/workflows/" in name else "action"
    owner = name.split("/", 1)[0].lower()
    return {
        "path": path, "line": line, "job": job, "ref": shorten(ref), "kind": kind,
        "github_owned": owner in ("actions", "github"), "pinned": sha_pinned(version),
    }


def _image(found: Found, path: str, line: int, value: Any) -> None:
    image = value.get("image") if isinstance(value, dict) else value
    if isinstance(image, str) and image.strip():
        found.images.append({"path": path, "line": line, "image": shorten(image.strip()), "source": SYSTEM,
                             "pinned": image_pinned(image), "variable": "${{" in image})


def _script(found: Found, path: str, key_line: int, job: str, field: str, value: str) -> None:
    seen: set[tuple[int, str]] = set()
    for offset, context in contexts_in(value):
        line = value_line(key_line, value, offset)
        if (line, context) in seen:
            continue
        seen.add((line, context))
        found.expressions.append({"path": path, "line": line, "job": job, "field": field, "context": context})
    if field == "run":
        for offset, command in downloads_in(value):
            found.downloads.append({"path": path, "line": value_line(key_line, value, offset), "source": SYSTEM, "command": command})


def read(path: str, document: Any, lines: dict[str, int]) -> tuple[Workflow, Found]:
    """The workflow's summary and what it contributes to the flat fact lists."""
    found = Found()
    doc = document if isinstance(document, dict) else {}
    triggers = _triggers(doc.get("on", doc.get(True)))
    top = permissions(doc["permissions"], lines.get("permissions", 1)) if "permissions" in doc else None
    jobs_out: list[WorkflowJob] = []
    jobs = _mapping(doc.get("jobs"))
    for job_id, job in jobs.items():
        prefix = f"jobs.{job_id}"
        job_line = lines.get(prefix, 1)
        if not isinstance(job, dict):
            continue
        job_permissions = permissions(job["permissions"], lines.get(f"{prefix}.permissions", job_line)) if "permissions" in job else None
        reusable = job.get("uses") if isinstance(job.get("uses"), str) else None
        jobs_out.append({"id": str(job_id), "line": job_line, "permissions": job_permissions, "reusable": reusable is not None})
        if reusable:
            found.actions.append(_action(path, lines.get(f"{prefix}.uses", job_line), str(job_id), reusable))
        if "container" in job:
            _image(found, path, lines.get(f"{prefix}.container", job_line), job["container"])
        services = job.get("services")
        if isinstance(services, dict):
            for name, service in services.items():
                _image(found, path, lines.get(f"{prefix}.services.{name}", job_line), service)
        steps = _sequence(job.get("steps"))
        for index, step in enumerate(steps):
            if not isinstance(step, dict):
                continue
            step_path = f"{prefix}.steps[{index}]"
            step_line = lines.get(step_path, job_line)
            uses = step.get("uses")
            with_ = _mapping(step.get("with"))
            if isinstance(uses, str):
                found.actions.append(_action(path, lines.get(f"{step_path}.uses", step_line), str(job_id), uses))
                name = uses.split("@", 1)[0].strip().lower()
                if name == "actions/checkout" and isinstance(with_.get("ref"), str):
                    ref = with_["ref"]
                    found.checkouts.append({
                        "path": path, "line": lines.get(f"{step_path}.with.ref", step_line), "job": str(job_id), "ref": shorten(ref),
                        "contexts": sorted({c for _, c in contexts_in(ref)}), "triggers": triggers,
                    })
                if name == "actions/github-script" and isinstance(with_.get("script"), str):
                    _script(found, path, lines.get(f"{step_path}.with.script", step_line), str(job_id), "script", with_["script"])
            run = step.get("run")
            if isinstance(run, str):
                _script(found, path, lines.get(f"{step_path}.run", step_line), str(job_id), "run", run)
    summary: Workflow = {"path": path, "system": SYSTEM, "readable": True, "triggers": triggers, "permissions": top, "jobs": jobs_out}
    return summary, found

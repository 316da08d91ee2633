"""GitLab CI (``.gitlab-ci.yml``): container images and downloads piped into a shell in
job scripts. GitLab has no per-workflow token permissions or ``uses:`` references, so
those questions do not apply."""
from __future__ import annotations

from typing import Any

from dpgcheck.shapes import ImageUse, PipedDownload, Workflow, WorkflowJob
from dpgcheck.security.text import downloads_in, image_pinned, shorten, value_line

SYSTEM = "gitlab-ci"
_GLOBAL_KEYS = {"stages", "variables", "include", "workflow", "cache", "before_script", "after_script", "image", "services", "default", "spec"}
_SCRIPT_KEYS = ("before_script", "script", "after_script")


def _images(path: str, lines: dict[str, int], prefix: str, job: Any, images: list[ImageUse]) -> None:
    def add(key: str, value: Any) -> None:
        name = value.get("name") if isinstance(value, dict) else value
        if isinstance(name, str) and name.strip():
            images.append({"path": path, "line": lines.get(key, 1), "image": shorten(name.strip()), "source": SYSTEM,
                           "pinned": image_pinned(name), "variable": "$" in name})

    if "image" in job:
        add(f"{prefix}image" if not prefix else f"{prefix}.image", job["image"])
    services = job.get("services")
    if isinstance(services, list):
        for index, service in enumerate(services):
            add(f"{prefix}.services[{index}]" if prefix else f"services[{index}]", service)


def _scripts(path: str, lines: dict[str, int], prefix: str, job: dict[str, Any], downloads: list[PipedDownload]) -> None:
    for key in _SCRIPT_KEYS:
        value = job.get(key)
        key_path = f"{prefix}.{key}" if prefix else key
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if not isinstance(item, str):
                continue
            item_path = f"{key_path}[{index}]" if isinstance(value, list) else key_path
            line = lines.get(item_path, lines.get(key_path, 1))
            for offset, command in downloads_in(item):
                downloads.append({"path": path, "line": value_line(line, item, offset) if not isinstance(value, list) else line + item.count("\n", 0, offset),
                                  "source": SYSTEM, "command": command})


def read(path: str, document: Any, lines: dict[str, int]) -> tuple[Workflow, list[ImageUse], list[PipedDownload]]:
    images: list[ImageUse] = []
    downloads: list[PipedDownload] = []
    doc = document if isinstance(document, dict) else {}
    _images(path, lines, "", doc, images)
    _scripts(path, lines, "", doc, downloads)
    default = doc.get("default")
    if isinstance(default, dict):
        _images(path, lines, "default", default, images)
        _scripts(path, lines, "default", default, downloads)
    jobs: list[WorkflowJob] = []
    for name, job in doc.items():
        if name in _GLOBAL_KEYS or not isinstance(job, dict):
            continue
        jobs.append({"id": str(name), "line": lines.get(str(name), 1), "permissions": None, "reusable": False})
        _images(path, lines, str(name), job, images)
        _scripts(path, lines, str(name), job, downloads)
    summary: Workflow = {"path": path, "system": SYSTEM, "readable": True, "triggers": [], "permissions": None, "jobs": jobs}
    return summary, images, downloads

"""SBOMs (SPDX 2, SPDX 3, CycloneDX) found in the repository or given with ``--sbom FILE``.

Repository files are those the inventory classifies as kind ``sbom`` (Scorecard's
``*.spdx*``/``*.cdx.*`` names plus ``bom.json``, ``sbom*.json``, …; a Maven BOM
``pom.xml`` is not one). ``--sbom`` files are read from where the user points, the one
place dpgcheck reads outside the repository, by the user's explicit choice. The readers
(spdx-tools, spdx-python-model, cyclonedx-python-lib) are imported only when there is a
document of their kind to read, and a document read before is not read again
(:mod:`dpgcheck.licensing.sbom_cache`).
"""
from __future__ import annotations

from pathlib import Path
from dpgcheck.collect.file_kinds import classify
from dpgcheck.collect.options import CollectOptions
from dpgcheck.problems import problem
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.licensing import sbom, sbom_cache
from dpgcheck.shapes import SbomDocument, SbomFacts, SbomReading

SECTION = "sbom"

#: Work per repository is bounded: at most this many SBOMs found in the repository are
#: parsed, and at most this many bytes of them in all (300 small tag-value documents took
#: 43 s). The others are listed, unread, with a problem that says so. ``--sbom`` files,
#: the user's explicit choice, are always read.
MAX_REPOSITORY_DOCUMENTS = 16
MAX_REPOSITORY_BYTES = 64 * 1024 * 1024


def _not_read(reason: str) -> SbomReading:
    return {
        "format": "unknown", "spdx": False, "readable": False,
        "problems": [{"code": "not-read", "kind": "parse", "message": reason, "count": 1, "examples": []}],
    }


def _too_large(size: int) -> SbomReading:
    return {
        "format": "unknown", "spdx": False, "readable": False,
        "problems": [{"code": "too-large", "kind": "parse", "message": f"the file is {size} bytes, over the {sbom.MAX_BYTES}-byte limit; not parsed", "count": 1, "examples": []}],
    }


def _document(path: str, origin: str, size: int, data: bytes | None) -> SbomDocument:
    facts: SbomReading
    if data is None:
        facts = _too_large(size) if size > sbom.MAX_BYTES else {
            "format": "unknown", "spdx": False, "readable": False,
            "problems": [{"code": "unreadable", "kind": "parse", "message": "the file could not be read", "count": 1, "examples": []}],
        }
    else:
        facts = sbom_cache.read_document(data, path)
    return {"path": path, "origin": origin, "size": size, **facts}


def collect(view: RepoView, options: CollectOptions) -> SbomFacts:
    documents: list[SbomDocument] = []
    parsed = parsed_bytes = 0
    for entry in view.files:
        if entry.is_symlink and not entry.link_inside:
            continue
        found = classify(entry)
        if found is None or found[0] != "sbom":
            continue
        if entry.size <= sbom.MAX_BYTES and (parsed >= MAX_REPOSITORY_DOCUMENTS or parsed_bytes + entry.size > MAX_REPOSITORY_BYTES):
            reason = (f"the repository has more SBOMs than dpgcheck reads ({MAX_REPOSITORY_DOCUMENTS} documents, "
                      f"{MAX_REPOSITORY_BYTES} bytes in all); this one was not parsed")
            documents.append({"path": entry.path, "origin": "repository", "size": entry.size, **_not_read(reason)})
            continue
        data = None if entry.size > sbom.MAX_BYTES else view.read_bytes(entry.path, source=SECTION, limit=sbom.MAX_BYTES)
        if data is not None:
            parsed += 1
            parsed_bytes += len(data)
        documents.append(_document(entry.path, "repository", entry.size, data))
    skipped = sum(1 for d in documents if d.get("problems") and d["problems"][0]["code"] == "not-read")
    if skipped:
        view.problems.append(problem(SECTION, "sbom-limit", f"{skipped} SBOM documents were not parsed: dpgcheck reads at most {MAX_REPOSITORY_DOCUMENTS} per repository"))
    for given in options.sbom_paths:
        path = Path(given)
        shown = str(given)
        try:
            size = path.stat().st_size
            if not path.is_file():
                raise IsADirectoryError(shown)
            if size > sbom.MAX_BYTES:
                data = None
            else:
                with open(path, "rb") as handle:
                    data = handle.read(sbom.MAX_BYTES + 1)
        except OSError as exc:
            view.problems.append(problem(SECTION, "sbom-unreadable", f"--sbom {shown}: cannot read it ({exc.strerror or type(exc).__name__})"))
            documents.append({"path": shown, "origin": "command-line", "size": 0, "format": "unknown", "spdx": False, "readable": False,
                              "problems": [{"code": "unreadable", "kind": "parse", "message": "the file could not be read", "count": 1, "examples": []}]})
            continue
        documents.append(_document(shown, "command-line", size, data))
    documents.sort(key=lambda d: (d["origin"] != "repository", d["path"]))
    return {
        "count": len(documents),
        "spdx_count": sum(1 for d in documents if d["spdx"]),
        "readable_count": sum(1 for d in documents if d["readable"]),
        "documents": documents,
    }

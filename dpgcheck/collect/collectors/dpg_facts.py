"""DPG metadata kept in the repository: ``dpg.json`` or ``dpg.yaml`` at its root.

The file is a DPGA nominee record (name, description, license, SDGs, type,
organizations, stage ...), optionally with the screening record's fields
(clearOwnership, platformIndependence, documentation, NonPII, privacy,
standards, doNoHarm) beside them. It is validated against the DPGA schemas;
personal contact fields are dropped before anything else reads it. A broken
file is an error in ``dpg.errors`` (the ``dpg-record-schema`` rule reports it),
never an exception. With no such file, ``dpg.present`` is false.
"""
from __future__ import annotations

from dpgcheck.collect import dpga_record, dpga_schema
from dpgcheck.collect.file_kinds import classify
from dpgcheck.collect.options import CollectOptions
from dpgcheck.problems import problem
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.shapes import DpgaError, DpgFacts

SECTION = "dpg"

#: Preferred first when a repository has several.
_ORDER = {".json": 0, ".yaml": 1, ".yml": 2}


def _candidates(view: RepoView) -> list[str]:
    found = []
    for entry in view.files:
        if entry.is_symlink and not entry.link_inside:
            continue
        kind = classify(entry)
        if kind is not None and kind[0] == "dpg_record":
            found.append(entry.path)
    return sorted(found, key=lambda p: (_ORDER.get("." + p.rsplit(".", 1)[-1].lower(), 9), p))


def collect(view: RepoView, options: CollectOptions) -> DpgFacts:
    candidates = _candidates(view)
    if not candidates:
        return dpga_record.absent_section()
    path = candidates[0]
    if len(candidates) > 1:
        view.problems.append(
            problem(SECTION, "several-dpg-records", f"several DPG metadata files ({', '.join(candidates)}); only {path} was read", path)
        )
    text = view.read_text(path, source=SECTION)
    if text is None:
        error: DpgaError = {"document": "nominee", "file": path, "path": "$", "message": "the file could not be read (see the collection problems)"}
        return dpga_record.build_section(None, None, files=[path], errors=[error])
    if path.lower().endswith(".json"):
        document, reason = dpga_record.parse_json(text)
    else:
        document, reason = dpga_record.parse_yaml(text)
    if reason is None and not isinstance(document, dict):
        reason = f"holds {dpga_schema.json_type(document)}, not an object with the DPGA nominee record's fields"
    if reason is not None:
        parse_error: DpgaError = {"document": "nominee", "file": path, "path": "$", "message": reason}
        return dpga_record.build_section(None, None, files=[path], errors=[parse_error])
    document = dpga_record.drop_personal(document)
    errors = dpga_schema.validate(document, "nominee", path)
    screening = None
    if dpga_record.has_screening_fields(document):
        screening = document
        errors += dpga_schema.validate(document, "screening", path)
    return dpga_record.build_section(document, screening, files=[path], errors=errors)

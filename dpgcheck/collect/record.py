"""Facts for a DPG registry record judged on its own, without a repository.

``dpgcheck check --record NOMINEE.json [--screening SCREENING.json]`` reads the
DPGA's nominee record (and the screening record with the indicator 3-9
answers) and builds a facts document whose ``subject.kind`` is ``record``.
A file that cannot be read, or is not a JSON object, is an input error (exit
2); a record that parses but breaks the DPGA schema is judged, and each schema
error becomes a finding with its JSON path.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from dpgcheck import FACTS_VERSION
from dpgcheck.collect import dpga_record, dpga_schema
from dpgcheck.problems import problem
from dpgcheck.errors import DpgcheckError

MAX_RECORD_BYTES = 5 * 1024 * 1024


def _read_record(path: Path, what: str, flag: str) -> dict[str, Any]:
    from dpgcheck.untrusted import Refused, read_regular

    where = str(path)
    try:
        data = read_regular(path, max_bytes=MAX_RECORD_BYTES)
    except Refused as exc:
        if exc.message == "no such file":
            raise DpgcheckError(f"no such {what} file; give the path of a DPGA {what} JSON file to {flag}", path=where) from None
        if exc.message.startswith("is a directory"):
            raise DpgcheckError(f"is a directory; {flag} takes one DPGA {what} JSON file", path=where) from None
        raise DpgcheckError(f"the {what} file {exc.message}", path=where) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DpgcheckError(f"the {what} file is not UTF-8 text; save it as UTF-8 JSON", path=where) from None
    value, error = dpga_record.parse_json(text)
    if error is not None:
        raise DpgcheckError(f"the {what} file is {error}; fix the JSON syntax", path=where)
    if not isinstance(value, dict):
        raise DpgcheckError(
            f"the {what} file holds {dpga_schema.json_type(value)}, not a JSON object; a DPGA {what} is a JSON object",
            path=where,
        )
    return dpga_record.drop_personal(value)


def collect_record(nominee_path: Path, screening_path: Path | None) -> dict[str, Any]:
    """The facts document for a nominee record and, optionally, its screening record."""
    nominee = _read_record(nominee_path, "nominee record", "--record")
    if "license" not in nominee and "SDGs" not in nominee and dpga_record.has_screening_fields(nominee):
        raise DpgcheckError(
            "this is a screening record (indicators 3-9), not a nominee record; "
            "pass the nominee record with --record and this file with --screening",
            path=str(nominee_path),
        )
    nominee_file = str(nominee_path)
    errors = dpga_schema.validate(nominee, "nominee", nominee_file)
    problems = []
    screening = None
    files = [nominee_file]
    if screening_path is not None:
        screening = _read_record(screening_path, "screening record", "--screening")
        screening_file = str(screening_path)
        files.append(screening_file)
        errors += dpga_schema.validate(screening, "screening", screening_file)
        mismatch = dpga_record.screening_name_mismatch(nominee, screening)
        if mismatch:
            problems.append(problem("dpg", "record-mismatch", mismatch, screening_file))
    elif dpga_record.has_screening_fields(nominee):
        # A combined record (the dpg.json convention): the screening answers sit beside the nominee fields.
        screening = nominee
        errors += dpga_schema.validate(nominee, "screening", nominee_file)
    section = dpga_record.build_section(nominee, screening, files=files, errors=errors)
    subject: dict[str, Any] = {"kind": "record", "nominee": nominee_file, "name": section["name"]}
    if screening_path is not None:
        subject["screening"] = str(screening_path)
    return {"facts_version": FACTS_VERSION, "subject": subject, "dpg": section, "problems": problems}

"""Licences: what the repository declares and what its licence files hold.

* ``declared``: one entry per licence statement in package metadata (pyproject.toml,
  setup.cfg, setup.py, package.json, Cargo.toml, pom.xml, composer.json, *.gemspec, R
  DESCRIPTION, Odoo manifests), publiccode.yml ``legal.license`` and the DPG record, each
  with its SPDX expression analysed (:func:`dpgcheck.licensing.expression.analyse`).
* ``detected``: one entry per licence file (LICENSE*, LICENCE*, COPYING*, UNLICENSE at
  the root, in .github/ or docs/, and LICENSES/*), with the licence its text holds
  (:mod:`dpgcheck.licensing.detect`).
What the licence files mean *together* (a GPL text plus an "or any later version" notice
is -or-later; an LGPL text beside the GPL one is the LGPL) is policy, decided in Rego
(``policies/lib/combined.rego``); facts 1.x carried it as ``combined``.

Heavy libraries are imported only when there is something to parse or scan.
"""
from __future__ import annotations

import re
from typing import Any, cast

from dpgcheck.collect.file_kinds import classify
from dpgcheck.collect.options import CollectOptions
from dpgcheck.problems import problem
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.shapes import DeclaredLicence, DetectedLicence, LicenceFile, LicenceMatch, LicensesFacts

SECTION = "licenses"

#: Licence files larger than this are not read (the GPL is 35 KB; THIRD-PARTY bundles can be MBs).
MAX_LICENSE_BYTES = 512 * 1024
MAX_METADATA_BYTES = 1024 * 1024
MAX_LICENSE_FILES = 64
MAX_MANIFESTS = 200
#: Licence files about other people's code (LICENSE-THIRD-PARTY, LICENSES-VENDOR.md …): they
#: do not say what the project's own licence is.
THIRD_PARTY = re.compile(r"third[-_. ]?party|3rd[-_. ]?party|vendor|bundled|dependenc|deps\b", re.IGNORECASE)
#: Files another collector owns and reports problems for (publiccode, dpg).
QUIET_SOURCES = {"publiccode", "dpg-record"}


def _decode(view: RepoView, path: str, limit: int) -> str | None:
    return view.read_text(path, source=SECTION, limit=limit)


def _declared(view: RepoView) -> list[DeclaredLicence]:
    from dpgcheck.licensing.declared import DeclaredError, source_for

    found: list[dict[str, Any]] = []
    manifests = 0
    for entry in view.files:
        if entry.is_symlink and not entry.link_inside:
            continue
        matched = source_for(entry.path)
        if matched is None:
            continue
        source, parser = matched
        if source == "odoo-manifest":
            manifests += 1
            if manifests > MAX_MANIFESTS:
                continue
        # publiccode.yml and the DPG record have collectors of their own that report their
        # problems; reading them here must not report the same broken file twice.
        recorded = len(view.problems)
        quiet = source in QUIET_SOURCES
        text = _decode(view, entry.path, MAX_METADATA_BYTES)
        if quiet:
            del view.problems[recorded:]
        if text is None:
            continue
        try:
            declarations = parser(text)
        except DeclaredError as exc:
            if not quiet:
                view.problems.append(problem(SECTION, "bad-metadata", f"cannot read the declared licence: {exc}", entry.path))
            continue
        except (RecursionError, MemoryError, ValueError, TypeError) as exc:
            if not quiet:
                view.problems.append(problem(SECTION, "bad-metadata", f"cannot read the declared licence: {type(exc).__name__}", entry.path))
            continue
        for declaration in declarations:
            found.append({"source": source, "path": entry.path, **declaration})
    if manifests > MAX_MANIFESTS:
        view.problems.append(problem(SECTION, "too-many-manifests", f"{manifests} Odoo manifests; read the first {MAX_MANIFESTS}"))
    if found:
        from dpgcheck.licensing.expression import analyse

        for item in found:
            item["analysis"] = analyse(item["expression"]) if item["expression"] else None
    # Each entry is a DeclaredLicence once its analysis is filled in above.
    return cast("list[DeclaredLicence]", sorted(found, key=lambda d: (d["path"], d["field"], d["value"])))


def _detected(view: RepoView) -> list[DetectedLicence]:
    candidates = []
    for entry in view.files:
        if entry.is_symlink and not entry.link_inside:
            continue
        kind = classify(entry)
        if kind and kind[0] in ("license", "license_text"):
            candidates.append((entry, kind[1]))
    if len(candidates) > MAX_LICENSE_FILES:
        view.problems.append(
            problem(SECTION, "too-many-license-files", f"{len(candidates)} licence files; identified the first {MAX_LICENSE_FILES}")
        )
        candidates = candidates[:MAX_LICENSE_FILES]
    detected: list[DetectedLicence] = []
    for entry, location in candidates:
        named = None
        if location == "LICENSES":
            name = entry.path.rsplit("/", 1)[-1]
            named = name.rsplit(".", 1)[0] if "." in name else name
        base: LicenceFile = {
            "path": entry.path,
            "location": location,
            "size": entry.size,
            "named_id": named,
            "third_party": bool(THIRD_PARTY.search(entry.path.rsplit("/", 1)[-1])),
        }
        text = _decode(view, entry.path, MAX_LICENSE_BYTES)
        if text is None:
            detected.append({**base, **_unread()})
            continue
        from dpgcheck.licensing.detect import detect

        detected.append({**base, **_match(detect(text))})
    return detected


def _unread() -> LicenceMatch:
    from dpgcheck.licensing.detect import _result

    return _match(_result(match="not_read"))


def _match(found: dict[str, Any]) -> LicenceMatch:
    """The detector's answer (a plain mapping there) as what it is."""
    return cast(LicenceMatch, found)


def collect(view: RepoView, options: CollectOptions) -> LicensesFacts:
    declared = _declared(view)
    detected = _detected(view)
    declared_ids = sorted({i for d in declared if d["analysis"] for i in d["analysis"]["ids"]})
    recognised = {"full", "with_additional_terms", "notice", "multiple", "reference"}
    return {
        "declared": declared,
        "detected": detected,
        "summary": {
            "declared_count": len(declared),
            "declared_sources": sorted({d["source"] for d in declared}),
            "declared_ids": declared_ids,
            "license_files": len(detected),
            "detected_ids": sorted({c for d in detected if d["match"] in recognised for c in d["candidates"]}),
            "unrecognised": sorted(d["path"] for d in detected if d["match"] not in recognised),
        },
    }

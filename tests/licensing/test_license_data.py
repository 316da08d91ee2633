"""The generated licence data: fresh, complete, and usable to normalise the DPGA list."""
from __future__ import annotations

import json
import subprocess
import sys

from dpgcheck.licensing.expression import analyse
from tests.conftest import DPGA_DATA, ROOT

SPDX = json.loads((ROOT / "policies/dpgcheck/licenses/spdx/data.json").read_text(encoding="utf-8"))
COMPATIBILITY = json.loads((ROOT / "policies/dpgcheck/licenses/compatibility/data.json").read_text(encoding="utf-8"))


def test_generated_data_is_fresh() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts/generate_license_data.py"), "--check"], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "")


def test_spdx_list_counts_and_flags() -> None:
    licenses = SPDX["licenses"]
    assert SPDX["list_version"] == "3.29.0"
    assert len(licenses) == 740
    assert sum(rec["osi"] for rec in licenses.values()) == 154
    assert sum(rec["fsf"] for rec in licenses.values()) == 127
    assert sum(rec["deprecated"] for rec in licenses.values()) == 32
    assert len(SPDX["exceptions"]) == 86
    assert licenses["Apache-2.0"] == {
        "name": "Apache License 2.0", "osi": True, "fsf": True, "deprecated": False, "category": "permissive", "open_data": False,
    }
    assert licenses["GPL-2.0+"]["replacement"] == "GPL-2.0-or-later"
    assert licenses["wxWindows"]["replacement"] == "LGPL-2.0-or-later WITH WxWindows-exception-3.1"
    assert all("replacement" in rec for rec in licenses.values() if rec["deprecated"])


def test_every_replacement_is_a_current_expression() -> None:
    for identifier, rec in SPDX["licenses"].items():
        if rec.get("replacement"):
            analysis = analyse(rec["replacement"])
            assert analysis["valid"] and not analysis["deprecated"], identifier
            assert all(not SPDX["licenses"][i]["deprecated"] for i in analysis["ids"]), identifier


def test_dpga_software_list_normalises_to_current_osi_ids() -> None:
    """The DPGA list uses deprecated ids (GPL-3.0, wxWindows): normalise, never string-match."""
    dpga = json.loads((DPGA_DATA / "approved-licenses.derived.json").read_text(encoding="utf-8"))
    not_osi, deprecated_on_list = [], []
    for entry in dpga["software"]:
        raw = entry["spdx"].strip()
        if SPDX["licenses"].get(raw, {}).get("deprecated"):
            deprecated_on_list.append(raw)
        analysis = analyse(SPDX["licenses"].get(raw, {}).get("replacement") or raw)
        assert analysis["valid"], raw
        for identifier in analysis["ids"]:
            assert not SPDX["licenses"][identifier]["deprecated"], raw
            if not SPDX["licenses"][identifier]["osi"]:
                not_osi.append(identifier)
    assert sorted(deprecated_on_list) == ["AGPL-3.0", "GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0", "wxWindows"]
    assert not_osi == ["Unicode-DFS-2015"]


def test_compatibility_sources_and_osadl_cells() -> None:
    assert set(COMPATIBILITY["sources"]) == {"osadl", "dpgcheck-curated"}
    assert COMPATIBILITY["sources"]["osadl"]["version"] == "2024-05-21T02:14:00+00:00"
    matrix = COMPATIBILITY["matrix"]
    assert sum(1 for i, s in COMPATIBILITY["covered"].items() if s == "osadl") == 110
    assert matrix["GPL-2.0-only"]["Apache-2.0"] == "no"
    assert matrix["GPL-3.0-only"]["Apache-2.0"] == "yes"
    assert matrix["Apache-2.0"]["GPL-3.0-only"] == "no"
    assert {v for row in matrix.values() for v in row.values()} == {"yes", "no", "unknown", "check-dependency"}


def test_curated_content_and_data_table_cites_its_sources() -> None:
    covered = {i for i, s in COMPATIBILITY["covered"].items() if s == "dpgcheck-curated"}
    assert {"CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0"} <= covered
    for entry in COMPATIBILITY["curated"]:
        assert entry["reason"] and entry["references"]
        assert all(ref.startswith("https://") for ref in entry["references"])
        for outbound in entry["outbound"]:
            for inbound in entry["inbound"]:
                assert COMPATIBILITY["matrix"][outbound][inbound] == entry["verdict"]
    matrix = COMPATIBILITY["matrix"]
    assert matrix["GPL-3.0-or-later"]["CC-BY-SA-4.0"] == "yes"
    assert matrix["MIT"]["CC-BY-SA-4.0"] == "no"
    assert matrix["CC-BY-4.0"]["CC0-1.0"] == "yes"
    assert matrix["CC0-1.0"]["CC-BY-4.0"] == "no"
    assert matrix["Apache-2.0"]["CC-BY-NC-4.0"] == "no"
    assert matrix["Apache-2.0"]["ODbL-1.0"] == "check-dependency"

package dpgcheck.rules.licensing["dependency-license-unknown_test"]

import data.dpgcheck.rules.licensing["dependency-license-unknown"] as rule

spdx := {"licenses": {"MIT": {"osi": true}, "Apache-2.0": {"osi": true}}, "exceptions": {}}

analysis(expression, valid, ids, unknown, refs) := {
	"expression": expression, "normalized": expression, "valid": valid, "error": null, "ids": ids,
	"exceptions": [], "unknown": unknown, "license_refs": refs, "deprecated": [], "dnf": [ids],
}

row(expression, effective, examples, a) := {"expression": expression, "declared": effective, "concluded": 0, "effective": effective, "examples": examples, "analysis": a}

document(missing, rows) := {
	"path": "sbom.spdx.json", "origin": "repository", "spdx": true, "readable": true,
	"counts": {"packages": 10},
	"packages_missing": {"license": missing},
	"license_values": {"effective": {"noassertion": 2, "none": 1, "absent": 0}},
	"licenses": rows,
}

test_fail_missing_and_unknown_licences if {
	rows := [
		row("MIT", 4, ["a@1"], analysis("MIT", true, ["MIT"], [], [])),
		row("SEE LICENSE IN LICENSE.md", 1, ["b@2"], {
			"expression": "SEE LICENSE IN LICENSE.md", "normalized": null, "valid": false, "error": "not a valid SPDX expression",
			"ids": [], "exceptions": [], "unknown": [], "license_refs": [], "deprecated": [], "dnf": [],
		}),
		row("BSD-like", 1, ["c@3"], analysis("BSD-like", false, ["BSD-like"], ["BSD-like"], [])),
		row("LicenseRef-Custom", 1, ["d@4"], analysis("LicenseRef-Custom", true, ["LicenseRef-Custom"], [], ["LicenseRef-Custom"])),
		row("Apache-2.0", 0, [], analysis("Apache-2.0", true, ["Apache-2.0"], [], [])),
	]
	rule.findings == {
		{
			"message": "sbom.spdx.json: 3 of 10 packages have no licence (NOASSERTION 2, NONE 1, absent 0), e.g. x@1, y@2, z@3",
			"evidence": {"reason": "no-licence", "packages": 3, "examples": ["x@1", "y@2", "z@3"], "noassertion": 2, "none": 1, "absent": 0},
			"location": {"path": "sbom.spdx.json"},
		},
		{
			"message": "sbom.spdx.json: 1 packages are under \"SEE LICENSE IN LICENSE.md\", which is not an SPDX licence expression, e.g. b@2",
			"evidence": {"reason": "invalid-expression", "expression": "SEE LICENSE IN LICENSE.md", "packages": 1, "examples": ["b@2"], "unknown_ids": []},
			"location": {"path": "sbom.spdx.json"},
		},
		{
			"message": "sbom.spdx.json: 1 packages are under \"BSD-like\", which names licences that are not on the SPDX list, e.g. c@3",
			"evidence": {"reason": "unknown-id", "expression": "BSD-like", "packages": 1, "examples": ["c@3"], "unknown_ids": ["BSD-like"]},
			"location": {"path": "sbom.spdx.json"},
		},
		{
			"message": "sbom.spdx.json: 1 packages are under \"LicenseRef-Custom\", a custom licence (LicenseRef-) the policy data does not know, e.g. d@4",
			"evidence": {"reason": "license-ref", "expression": "LicenseRef-Custom", "packages": 1, "examples": ["d@4"], "unknown_ids": []},
			"location": {"path": "sbom.spdx.json"},
		},
	} with input as {"sbom": {"documents": [document({"count": 3, "examples": ["x@1", "y@2", "z@3"]}, rows)]}}
		with data.dpgcheck.licenses.spdx as spdx
}

test_success_all_known if {
	rows := [row("MIT OR Apache-2.0", 5, ["a@1"], analysis("MIT OR Apache-2.0", true, ["Apache-2.0", "MIT"], [], []))]
	rule.findings == set() with input as {"sbom": {"documents": [document({"count": 0, "examples": []}, rows)]}}
		with data.dpgcheck.licenses.spdx as spdx
}

test_not_applicable_without_readable_sbom if {
	rule.not_applicable with input as {"sbom": {"documents": []}}
}

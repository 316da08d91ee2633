package dpgcheck.rules.licensing["dependency-license-not-open_test"]

import data.dpgcheck.rules.licensing["dependency-license-not-open"] as rule

spdx := {
	"licenses": {
		"MIT": {"osi": true, "fsf": true, "open_data": false},
		"BUSL-1.1": {"osi": false, "fsf": false, "open_data": false},
		"CC-BY-NC-4.0": {"osi": false, "fsf": false, "open_data": false},
		"CC-BY-4.0": {"osi": false, "fsf": true, "open_data": true},
	},
	"exceptions": {},
}

analysis(normalized, ids, dnf) := {
	"expression": normalized, "normalized": normalized, "valid": true, "error": null, "ids": ids,
	"exceptions": [], "unknown": [], "license_refs": [], "deprecated": [], "dnf": dnf,
}

row(expression, effective, examples, a) := {"expression": expression, "declared": effective, "concluded": 0, "effective": effective, "examples": examples, "analysis": a}

sbom(origin, rows) := {"sbom": {"documents": [{"path": "deps.spdx.json", "origin": origin, "spdx": true, "readable": true, "licenses": rows}]}}

test_fail_source_available_and_non_commercial if {
	rows := [
		row("BUSL-1.1", 2, ["hashicorp-lib@1.0", "other@2"], analysis("BUSL-1.1", ["BUSL-1.1"], [["BUSL-1.1"]])),
		row("MIT AND CC-BY-NC-4.0", 1, ["icons@3"], analysis("MIT AND CC-BY-NC-4.0", ["CC-BY-NC-4.0", "MIT"], [["CC-BY-NC-4.0", "MIT"]])),
		row("MIT", 40, ["a@1"], analysis("MIT", ["MIT"], [["MIT"]])),
	]
	rule.findings == {
		{
			"message": "deps.spdx.json: 2 packages are under BUSL-1.1, which is not an open licence (BUSL-1.1 not OSI-approved, FSF-libre or open data), e.g. hashicorp-lib@1.0, other@2",
			"evidence": {"expression": "BUSL-1.1", "not_open": ["BUSL-1.1"], "packages": 2, "examples": ["hashicorp-lib@1.0", "other@2"]},
			"location": {"path": "deps.spdx.json"},
		},
		{
			"message": "deps.spdx.json: 1 packages are under MIT AND CC-BY-NC-4.0, which is not an open licence (CC-BY-NC-4.0 not OSI-approved, FSF-libre or open data), e.g. icons@3",
			"evidence": {"expression": "MIT AND CC-BY-NC-4.0", "not_open": ["CC-BY-NC-4.0"], "packages": 1, "examples": ["icons@3"]},
			"location": {"path": "deps.spdx.json"},
		},
	} with input as sbom("repository", rows)
		with data.dpgcheck.licenses.spdx as spdx
}

test_success_open_choice_and_open_data if {
	rows := [
		row("MIT OR BUSL-1.1", 3, ["x@1"], analysis("MIT OR BUSL-1.1", ["BUSL-1.1", "MIT"], [["BUSL-1.1"], ["MIT"]])),
		row("CC-BY-4.0", 1, ["fonts@1"], analysis("CC-BY-4.0", ["CC-BY-4.0"], [["CC-BY-4.0"]])),
		row("BUSL-1.1", 0, [], analysis("BUSL-1.1", ["BUSL-1.1"], [["BUSL-1.1"]])),
	]
	rule.findings == set() with input as sbom("command-line", rows)
		with data.dpgcheck.licenses.spdx as spdx
}

test_not_applicable_without_readable_sbom if {
	rule.not_applicable with input as {"sbom": {"documents": [{"readable": false}]}}
	not rule.not_applicable with input as sbom("repository", [])
}

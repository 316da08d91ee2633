package dpgcheck.rules.licensing["dependency-license-incompatible_test"]

import data.dpgcheck.rules.licensing["dependency-license-incompatible"] as rule

compatibility := {
	"matrix": {
		"Apache-2.0": {"Apache-2.0": "yes", "MIT": "yes", "GPL-3.0-only": "no", "GPL-2.0-only": "no", "LGPL-2.1-only": "check-dependency"},
		"GPL-3.0-only": {"Apache-2.0": "yes", "MIT": "yes", "GPL-3.0-only": "yes", "GPL-2.0-only": "no"},
		"MIT": {"MIT": "yes", "GPL-3.0-only": "no", "GPL-2.0-only": "no", "CC-BY-SA-4.0": "no"},
	},
	"curated": [{"outbound": ["MIT"], "inbound": ["CC-BY-SA-4.0"], "verdict": "no", "reason": "share-alike"}],
	"covered": {},
}

analysis(normalized, ids, dnf) := {
	"expression": normalized, "normalized": normalized, "valid": true, "error": null, "ids": ids,
	"exceptions": [], "unknown": [], "license_refs": [], "deprecated": [], "dnf": dnf,
}

row(effective, examples, a) := {"expression": a.expression, "declared": effective, "concluded": 0, "effective": effective, "examples": examples, "analysis": a}

facts(project, rows) := {
	"licenses": {
		"declared": [{"source": "package.json", "path": "package.json", "field": "license", "analysis": project}],
		"combined": {"ids": [], "inferences": [], "analysis": null},
	},
	"sbom": {"documents": [{"path": "sbom.spdx.json", "origin": "repository", "spdx": true, "readable": true, "licenses": rows}]},
}

apache := analysis("Apache-2.0", ["Apache-2.0"], [["Apache-2.0"]])

test_fail_gpl_in_apache_project if {
	rows := [
		row(2, ["readline-wrapper@8.1", "gplthing@1"], analysis("GPL-3.0-only", ["GPL-3.0-only"], [["GPL-3.0-only"]])),
		row(1, ["dual@1"], analysis("GPL-2.0-only OR GPL-3.0-only", ["GPL-2.0-only", "GPL-3.0-only"], [["GPL-2.0-only"], ["GPL-3.0-only"]])),
		row(30, ["lodash@4"], analysis("MIT", ["MIT"], [["MIT"]])),
		row(1, ["glib@2"], analysis("LGPL-2.1-only", ["LGPL-2.1-only"], [["LGPL-2.1-only"]])),
		row(1, ["odd@1"], analysis("Zlib", ["Zlib"], [["Zlib"]])),
	]
	rule.findings == {
		{
			"message": "sbom.spdx.json: 2 packages are under GPL-3.0-only, which a project under Apache-2.0 cannot include (GPL-3.0-only into Apache-2.0: no, per osadl), e.g. readline-wrapper@8.1, gplthing@1",
			"evidence": {
				"project_license": "Apache-2.0", "expression": "GPL-3.0-only",
				"conflicts": [{"outbound": "Apache-2.0", "inbound": "GPL-3.0-only", "source": "osadl"}],
				"packages": 2, "examples": ["readline-wrapper@8.1", "gplthing@1"],
			},
			"location": {"path": "sbom.spdx.json"},
		},
		{
			"message": "sbom.spdx.json: 1 packages are under GPL-2.0-only OR GPL-3.0-only, which a project under Apache-2.0 cannot include (GPL-2.0-only into Apache-2.0: no, per osadl; GPL-3.0-only into Apache-2.0: no, per osadl), e.g. dual@1",
			"evidence": {
				"project_license": "Apache-2.0", "expression": "GPL-2.0-only OR GPL-3.0-only",
				"conflicts": [
					{"outbound": "Apache-2.0", "inbound": "GPL-2.0-only", "source": "osadl"},
					{"outbound": "Apache-2.0", "inbound": "GPL-3.0-only", "source": "osadl"},
				],
				"packages": 1, "examples": ["dual@1"],
			},
			"location": {"path": "sbom.spdx.json"},
		},
	} with input as facts(apache, rows)
		with data.dpgcheck.licenses.compatibility as compatibility
}

test_fail_curated_content_licence if {
	mit := analysis("MIT", ["MIT"], [["MIT"]])
	rows := [row(1, ["icons@1"], analysis("CC-BY-SA-4.0", ["CC-BY-SA-4.0"], [["CC-BY-SA-4.0"]]))]
	rule.findings == {{
		"message": "sbom.spdx.json: 1 packages are under CC-BY-SA-4.0, which a project under MIT cannot include (CC-BY-SA-4.0 into MIT: no, per dpgcheck-curated), e.g. icons@1",
		"evidence": {
			"project_license": "MIT", "expression": "CC-BY-SA-4.0",
			"conflicts": [{"outbound": "MIT", "inbound": "CC-BY-SA-4.0", "source": "dpgcheck-curated"}],
			"packages": 1, "examples": ["icons@1"],
		},
		"location": {"path": "sbom.spdx.json"},
	}} with input as facts(mit, rows)
		with data.dpgcheck.licenses.compatibility as compatibility
}

test_success_project_choice_allows_gpl if {
	choice := analysis("Apache-2.0 OR GPL-3.0-only", ["Apache-2.0", "GPL-3.0-only"], [["Apache-2.0"], ["GPL-3.0-only"]])
	rows := [row(2, ["gplthing@1"], analysis("GPL-3.0-only", ["GPL-3.0-only"], [["GPL-3.0-only"]]))]
	rule.findings == set() with input as facts(choice, rows)
		with data.dpgcheck.licenses.compatibility as compatibility
}

test_success_gpl_project_takes_apache if {
	gpl := analysis("GPL-3.0-only", ["GPL-3.0-only"], [["GPL-3.0-only"]])
	rows := [row(5, ["a@1"], apache)]
	rule.findings == set() with input as facts(gpl, rows)
		with data.dpgcheck.licenses.compatibility as compatibility
}

test_fail_licence_files_when_nothing_declared if {
	rows := [row(1, ["gplthing@1"], analysis("GPL-3.0-only", ["GPL-3.0-only"], [["GPL-3.0-only"]]))]
	rule.findings == {{
		"message": "sbom.spdx.json: 1 packages are under GPL-3.0-only, which a project under Apache-2.0 cannot include (GPL-3.0-only into Apache-2.0: no, per osadl), e.g. gplthing@1",
		"evidence": {
			"project_license": "Apache-2.0", "expression": "GPL-3.0-only",
			"conflicts": [{"outbound": "Apache-2.0", "inbound": "GPL-3.0-only", "source": "osadl"}],
			"packages": 1, "examples": ["gplthing@1"],
		},
		"location": {"path": "sbom.spdx.json"},
	}} with input as {
		"licenses": {"declared": [{"source": "dpg-record", "analysis": analysis("GPL-3.0-only", ["GPL-3.0-only"], [["GPL-3.0-only"]])}], "combined": {"ids": ["Apache-2.0"], "inferences": [], "analysis": apache}},
		"sbom": {"documents": [{"path": "sbom.spdx.json", "origin": "repository", "spdx": true, "readable": true, "licenses": rows}]},
	}
		with data.dpgcheck.licenses.compatibility as compatibility
}

test_not_applicable_without_project_licence if {
	rule.not_applicable with input as {"licenses": {"declared": [], "combined": {"ids": [], "inferences": [], "analysis": null}}, "sbom": {"documents": [{"path": "x", "spdx": true, "readable": true, "licenses": []}]}}
}

# Facts 2.0: no `combined`; the project's licence is what lib/combined.rego makes of the detections.
test_fail_licence_files_when_nothing_declared_in_facts_2_0 if {
	rows := [row(1, ["gplthing@1"], analysis("GPL-3.0-only", ["GPL-3.0-only"], [["GPL-3.0-only"]]))]
	apache_text := {"path": "LICENSE", "spdx_id": "Apache-2.0", "candidates": ["Apache-2.0"], "match": "full", "or_later": null, "third_party": false}
	rule.findings == {{
		"message": "sbom.spdx.json: 1 packages are under GPL-3.0-only, which a project under Apache-2.0 cannot include (GPL-3.0-only into Apache-2.0: no, per osadl), e.g. gplthing@1",
		"evidence": {
			"project_license": "Apache-2.0", "expression": "GPL-3.0-only",
			"conflicts": [{"outbound": "Apache-2.0", "inbound": "GPL-3.0-only", "source": "osadl"}],
			"packages": 1, "examples": ["gplthing@1"],
		},
		"location": {"path": "sbom.spdx.json"},
	}} with input as {
		"facts_version": "2.0",
		"licenses": {"declared": [], "detected": [apache_text]},
		"sbom": {"documents": [{"path": "sbom.spdx.json", "origin": "repository", "spdx": true, "readable": true, "licenses": rows}]},
	}
		with data.dpgcheck.licenses.compatibility as compatibility
}

test_not_applicable_without_licence_files_in_facts_2_0 if {
	rule.not_applicable with input as {"facts_version": "2.0", "licenses": {"declared": [], "detected": []}, "sbom": {"documents": [{"path": "x", "spdx": true, "readable": true, "licenses": []}]}}
}

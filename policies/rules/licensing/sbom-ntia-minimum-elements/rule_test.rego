package dpgcheck.rules.licensing["sbom-ntia-minimum-elements_test"]

import data.dpgcheck.rules.licensing["sbom-ntia-minimum-elements"] as rule

none := {"count": 0, "examples": []}

complete := {
	"path": "sbom.spdx.json", "origin": "repository", "format": "json", "spdx": true, "readable": true, "problems": [],
	"creators": ["Tool: npm/cli-11.19.1"], "creator_types": {"person": 0, "organization": 0, "tool": 1}, "created": "2026-01-15T10:00:00Z", "namespace": "http://spdx.org/spdxdocs/x",
	"describes_package": true, "relationship_types": {"DESCRIBES": 1, "DEPENDS_ON": 3},
	"counts": {"packages": 4, "files": 0, "snippets": 0, "relationships": 4},
	"packages_missing": {"name": none, "version": none, "supplier": none, "external_id": none, "checksum": none, "license": none},
}

test_fail_every_element_missing if {
	broken := object.union(complete, {
		"creators": [], "creator_types": {"person": 0, "organization": 0, "tool": 0}, "created": null, "namespace": null, "describes_package": false,
		"packages_missing": object.union(complete.packages_missing, {
			"supplier": {"count": 3, "examples": ["a@1", "b@2", "c@3"]},
			"version": {"count": 1, "examples": ["d"]},
		}),
		"problems": [{"code": "missing-spdx-id", "kind": "validation", "message": "package without an SPDXID", "count": 1, "examples": ["d"]}],
	})
	rule.findings == {
		{"message": "sbom.spdx.json: no creators (author of the SBOM data)", "evidence": {"element": "author"}, "location": {"path": "sbom.spdx.json"}},
		{"message": "sbom.spdx.json: no creation time", "evidence": {"element": "timestamp"}, "location": {"path": "sbom.spdx.json"}},
		{"message": "sbom.spdx.json: no documentNamespace (unique document identifier)", "evidence": {"element": "unique-identifier"}, "location": {"path": "sbom.spdx.json"}},
		{"message": "sbom.spdx.json: 1 elements have no SPDXID", "evidence": {"element": "unique-identifier", "missing": 1}, "location": {"path": "sbom.spdx.json"}},
		{
			"message": "sbom.spdx.json: the document does not DESCRIBE any package it contains (dependency relationships have no root)",
			"evidence": {"element": "relationships", "relationship_types": {"DESCRIBES": 1, "DEPENDS_ON": 3}}, "location": {"path": "sbom.spdx.json"},
		},
		{
			"message": "sbom.spdx.json: 3 of 4 packages have no supplier (absent or NOASSERTION), e.g. a@1, b@2, c@3",
			"evidence": {"element": "supplier", "packages": 4, "missing": 3, "examples": ["a@1", "b@2", "c@3"]}, "location": {"path": "sbom.spdx.json"},
		},
		{
			"message": "sbom.spdx.json: 1 of 4 packages have no version, e.g. d",
			"evidence": {"element": "version", "packages": 4, "missing": 1, "examples": ["d"]}, "location": {"path": "sbom.spdx.json"},
		},
	} with input as {"sbom": {"documents": [broken]}}
}

test_fail_command_line_document_has_no_location if {
	given := object.union(complete, {"origin": "command-line", "path": "/tmp/app.spdx", "created": null})
	rule.findings == {{"message": "/tmp/app.spdx: no creation time", "evidence": {"element": "timestamp"}}} with input as {"sbom": {"documents": [given]}}
}

test_success_complete_document if {
	rule.findings == set() with input as {"sbom": {"documents": [complete]}}
}

test_not_applicable_unreadable_only if {
	rule.not_applicable with input as {"sbom": {"documents": [{"path": "x.spdx.json", "spdx": true, "readable": false, "problems": []}]}}
}

test_success_person_only_author_is_counted_not_named if {
	# creators lists no people (facts keep only that a person is named): the author element holds.
	person := object.union(complete, {"creators": [], "creator_types": {"person": 1, "organization": 0, "tool": 0}})
	rule.findings == set() with input as {"sbom": {"documents": [person]}}
}

test_fail_cyclonedx_without_serial_number if {
	bom := object.union(complete, {"path": "bom.cdx.json", "format": "cyclonedx", "standard": "cyclonedx", "spdx": false, "namespace": null})
	rule.findings == {{
		"message": "bom.cdx.json: no serialNumber (unique document identifier)",
		"evidence": {"element": "unique-identifier"}, "location": {"path": "bom.cdx.json"},
	}} with input as {"sbom": {"documents": [bom]}}
}

test_success_floating_packages_are_not_judged if {
	# 3 packages lack a supplier, but none of them is reachable from the described package.
	floating := object.union(complete, {
		"packages_missing": object.union(complete.packages_missing, {"supplier": {"count": 3, "examples": ["x@1", "y@1", "z@1"]}}),
		"reachable": {"packages": 1, "floating": {"count": 3, "examples": ["x@1", "y@1", "z@1"]}, "missing": complete.packages_missing},
	})
	rule.findings == set() with input as {"sbom": {"documents": [floating]}}
}

test_fail_reachable_package_without_version if {
	one := object.union(complete, {"reachable": {
		"packages": 2, "floating": {"count": 2, "examples": ["x@1", "y@1"]},
		"missing": object.union(complete.packages_missing, {"version": {"count": 1, "examples": ["lib"]}}),
	}})
	rule.findings == {{
		"message": "sbom.spdx.json: 1 of 2 packages have no version, e.g. lib",
		"evidence": {"element": "version", "packages": 2, "missing": 1, "examples": ["lib"]},
		"location": {"path": "sbom.spdx.json"},
	}} with input as {"sbom": {"documents": [one]}}
}

package dpgcheck.rules.licensing["sbom-cisa-2025-minimum-elements_test"]

import data.dpgcheck.rules.licensing["sbom-cisa-2025-minimum-elements"] as rule

none := {"count": 0, "examples": []}

complete := {
	"path": "bom.cdx.json", "origin": "repository", "format": "cyclonedx", "standard": "cyclonedx", "spdx": false, "readable": true, "problems": [],
	"tools": ["cyclonedx-npm 4.0.0"], "lifecycles": ["build"],
	"counts": {"packages": 4, "files": 0, "snippets": 0, "relationships": 4},
	"packages_missing": {
		"name": none, "version": none, "supplier": none, "external_id": none, "checksum": none, "license": none,
		"supplier_contact": none, "filename": none, "dependencies": none,
	},
}

test_fail_every_element_missing if {
	broken := object.union(complete, {
		"tools": [], "lifecycles": [],
		"packages_missing": object.union(complete.packages_missing, {
			"checksum": {"count": 4, "examples": ["a@1", "b@2", "c@3", "d@4"]},
			"license": {"count": 1, "examples": ["b@2"]},
			"supplier": {"count": 2, "examples": ["a@1", "c@3"]},
			"external_id": {"count": 1, "examples": ["d@4"]},
			"dependencies": {"count": 3, "examples": ["b@2", "c@3", "d@4"]},
		}),
	})
	rule.findings == {
		{
			"message": "bom.cdx.json: 4 of 4 components have no component hash, e.g. a@1, b@2, c@3",
			"evidence": {"element": "component-hash", "standard": "cyclonedx", "packages": 4, "missing": 4, "examples": ["a@1", "b@2", "c@3", "d@4"]},
			"location": {"path": "bom.cdx.json"},
		},
		{
			"message": "bom.cdx.json: 1 of 4 components have no licence (an SPDX expression, not NOASSERTION or NONE), e.g. b@2",
			"evidence": {"element": "license", "standard": "cyclonedx", "packages": 4, "missing": 1, "examples": ["b@2"]},
			"location": {"path": "bom.cdx.json"},
		},
		{
			"message": "bom.cdx.json: 2 of 4 components have no software producer (supplier, manufacturer or publisher), e.g. a@1, c@3",
			"evidence": {"element": "software-producer", "standard": "cyclonedx", "packages": 4, "missing": 2, "examples": ["a@1", "c@3"]},
			"location": {"path": "bom.cdx.json"},
		},
		{
			"message": "bom.cdx.json: 1 of 4 components have no software identifier (purl, CPE, SWID, SWHID or gitoid), e.g. d@4",
			"evidence": {"element": "software-identifiers", "standard": "cyclonedx", "packages": 4, "missing": 1, "examples": ["d@4"]},
			"location": {"path": "bom.cdx.json"},
		},
		{
			"message": "bom.cdx.json: 3 of 4 components have no recorded dependencies (not even an empty list), so their transitive dependencies are not covered, e.g. b@2, c@3, d@4",
			"evidence": {"element": "coverage", "standard": "cyclonedx", "packages": 4, "missing": 3, "examples": ["b@2", "c@3", "d@4"]},
			"location": {"path": "bom.cdx.json"},
		},
		{
			"message": "bom.cdx.json: the SBOM does not name the tool that generated it",
			"evidence": {"element": "tool-name", "standard": "cyclonedx"}, "location": {"path": "bom.cdx.json"},
		},
		{
			"message": "bom.cdx.json: the SBOM does not say when it was generated (before, during or after the build)",
			"evidence": {"element": "generation-context", "standard": "cyclonedx"}, "location": {"path": "bom.cdx.json"},
		},
	} with input as {"sbom": {"documents": [broken]}}
}

test_fail_spdx2_has_no_generation_context_field if {
	spdx := object.union(complete, {"path": "/tmp/app.spdx.json", "origin": "command-line", "format": "json", "standard": "spdx-2", "spdx": true, "lifecycles": []})
	rule.findings == {{
		"message": "/tmp/app.spdx.json: the SBOM does not say when it was generated (before, during or after the build); SPDX 2 has no field for it, SPDX 3 and CycloneDX 1.5+ do",
		"evidence": {"element": "generation-context", "standard": "spdx-2"},
	}} with input as {"sbom": {"documents": [spdx]}}
}

test_success_complete_document if {
	rule.findings == set() with input as {"sbom": {"documents": [complete]}}
}

test_success_facts_1_0_document_without_new_fields_is_judged_on_what_it_has if {
	old := object.remove(object.union(complete, {"packages_missing": object.remove(complete.packages_missing, ["dependencies"])}), ["standard"])
	rule.findings == set() with input as {"sbom": {"documents": [old]}}
}

test_not_applicable_unreadable_only if {
	rule.not_applicable with input as {"sbom": {"documents": [{"path": "x.cdx.json", "spdx": false, "readable": false, "problems": []}]}}
}

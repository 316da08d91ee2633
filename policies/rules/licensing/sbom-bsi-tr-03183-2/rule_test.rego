package dpgcheck.rules.licensing["sbom-bsi-tr-03183-2_test"]

import data.dpgcheck.rules.licensing["sbom-bsi-tr-03183-2"] as rule

none := {"count": 0, "examples": []}

complete_missing := {
	"name": none, "version": none, "supplier": none, "external_id": none, "checksum": none, "license": none,
	"supplier_contact": none, "filename": none, "dependencies": none,
}

properties := {"bsi:component:filename": 2, "bsi:component:executable": 2, "bsi:component:archive": 2, "bsi:component:structured": 2}

complete := {
	"path": "bom.cdx.json", "origin": "repository", "format": "cyclonedx", "standard": "cyclonedx", "spdx": false, "readable": true, "problems": [],
	"spec_version": "1.6", "created": "2026-01-15T10:00:00Z", "namespace": "urn:uuid:3f2e0c1a-0000-4000-8000-000000000001",
	"creator_contacts": {"email": 1, "url": 0}, "completeness": {"complete": 1}, "not_recorded": ["filename"],
	"counts": {"packages": 2, "files": 0, "snippets": 0, "relationships": 2},
	"hash_algorithms": {"SHA-256": 2, "SHA-512": 2}, "property_names": properties,
	"packages_missing": complete_missing,
}

at(path) := {"location": {"path": path}}

test_fail_cyclonedx_1_5_without_contacts_hashes_properties_or_completeness if {
	# object.union merges objects key by key: remove completeness to set it empty.
	broken := object.union(object.remove(complete, ["completeness"]), {
		"spec_version": "1.5", "created": null, "namespace": null, "creator_contacts": {"email": 0, "url": 0}, "completeness": {},
		"hash_algorithms": {"SHA-512": 1}, "property_names": object.union(properties, {"bsi:component:archive": 0, "bsi:component:structured": 1}),
		"packages_missing": object.union(complete_missing, {
			"supplier_contact": {"count": 2, "examples": ["a@1", "b@2"]},
			"filename": {"count": 2, "examples": ["a@1", "b@2"]},
			"dependencies": {"count": 1, "examples": ["b@2"]},
		}),
	})
	rule.findings == {
		object.union({"message": "bom.cdx.json: cyclonedx 1.5 is not a format TR-03183-2 v2.1.0 accepts (CycloneDX 1.6/1.7 or SPDX 3.0.1)", "evidence": {"element": "format", "standard": "cyclonedx", "spec_version": "1.5"}}, at("bom.cdx.json")),
		object.union({"message": "bom.cdx.json: no creator of the SBOM is given with an e-mail address or URL", "evidence": {"element": "creator", "standard": "cyclonedx"}}, at("bom.cdx.json")),
		object.union({"message": "bom.cdx.json: no timestamp", "evidence": {"element": "timestamp", "standard": "cyclonedx"}}, at("bom.cdx.json")),
		object.union({"message": "bom.cdx.json: no SBOM-URI (unique identifier of the SBOM)", "evidence": {"element": "sbom-uri", "standard": "cyclonedx"}}, at("bom.cdx.json")),
		object.union({
			"message": "bom.cdx.json: 2 of 2 components have no component creator with an e-mail address or URL, e.g. a@1, b@2",
			"evidence": {"element": "component-creator", "standard": "cyclonedx", "packages": 2, "missing": 2},
		}, at("bom.cdx.json")),
		object.union({
			"message": "bom.cdx.json: 1 of 2 components have no recorded dependencies (not even an empty list), e.g. b@2",
			"evidence": {"element": "dependencies", "standard": "cyclonedx", "packages": 2, "missing": 1},
		}, at("bom.cdx.json")),
		object.union({"message": "bom.cdx.json: 1 of 2 components have no SHA-512 hash", "evidence": {"element": "hash", "standard": "cyclonedx", "packages": 2, "missing": 1}}, at("bom.cdx.json")),
		object.union({
			"message": "bom.cdx.json: 2 of 2 components have no bsi:component:archive property",
			"evidence": {"element": "archive", "standard": "cyclonedx", "packages": 2, "missing": 2},
		}, at("bom.cdx.json")),
		object.union({
			"message": "bom.cdx.json: 1 of 2 components have no bsi:component:structured property",
			"evidence": {"element": "structured", "standard": "cyclonedx", "packages": 2, "missing": 1},
		}, at("bom.cdx.json")),
		object.union({
			"message": "bom.cdx.json: the SBOM does not state whether its dependencies are complete (compositions with an aggregate)",
			"evidence": {"element": "dependency-completeness", "standard": "cyclonedx"},
		}, at("bom.cdx.json")),
	} with input as {"sbom": {"documents": [broken]}}
}

test_fail_spdx2_is_not_accepted_and_its_filenames_are_checked if {
	spdx := object.union(complete, {
		"path": "/tmp/app.spdx.json", "origin": "command-line", "format": "json", "standard": "spdx-2", "spdx": true,
		"spec_version": "SPDX-2.3", "not_recorded": [], "property_names": {}, "completeness": {},
		"packages_missing": object.union(complete_missing, {"filename": {"count": 1, "examples": ["a@1"]}}),
	})
	rule.findings == {
		{"message": "/tmp/app.spdx.json: spdx-2 SPDX-2.3 is not a format TR-03183-2 v2.1.0 accepts (CycloneDX 1.6/1.7 or SPDX 3.0.1)", "evidence": {"element": "format", "standard": "spdx-2", "spec_version": "SPDX-2.3"}},
		{"message": "/tmp/app.spdx.json: 1 of 2 components have no filename, e.g. a@1", "evidence": {"element": "filename", "standard": "spdx-2", "packages": 2, "missing": 1}},
	} with input as {"sbom": {"documents": [spdx]}}
}

test_success_complete_cyclonedx_1_6 if {
	rule.findings == set() with input as {"sbom": {"documents": [complete]}}
}

test_success_complete_spdx_3 if {
	spdx3 := object.union(complete, {"path": "app.spdx3.json", "format": "json-ld", "standard": "spdx-3", "spdx": true, "spec_version": "3.0.1", "property_names": {}})
	rule.findings == set() with input as {"sbom": {"documents": [spdx3]}}
}

test_not_applicable_without_readable_sbom if {
	rule.not_applicable with input as {"sbom": {"documents": []}}
}

package dpgcheck.rules.licensing["declared-license-valid_test"]

import data.dpgcheck.rules.licensing["declared-license-valid"] as rule

analysis(expression, fields) := object.union(
	{
		"expression": expression, "normalized": expression, "valid": true, "error": null, "ids": [expression],
		"exceptions": [], "unknown": [], "license_refs": [], "deprecated": [], "dnf": [[expression]],
	},
	fields,
)

facts(declared) := {"licenses": {"declared": declared}}

test_fail_invalid_expression if {
	rule.findings == {{
		"message": "package.json (license): \"MIT OR (\" is not a valid SPDX licence expression (not a valid SPDX expression: bad)",
		"evidence": {"source": "package.json", "field": "license", "value": "MIT OR (", "problem": "invalid-expression"},
		"location": {"path": "package.json"},
	}} with input as facts([{
		"source": "package.json", "path": "package.json", "field": "license", "value": "MIT OR (", "kind": "spdx",
		"expression": "MIT OR (",
		"analysis": analysis("MIT OR (", {"valid": false, "error": "not a valid SPDX expression: bad", "normalized": null, "ids": [], "dnf": []}),
	}])
}

test_fail_unknown_ids if {
	rule.findings == {{
		"message": "Cargo.toml (package.license): \"Apache2\", \"Foo\" are not on the SPDX licence list; use the exact id from https://spdx.org/licenses/ or LicenseRef-<name>",
		"evidence": {"source": "cargo", "field": "package.license", "value": "Apache2 AND Foo", "unknown": ["Apache2", "Foo"], "problem": "unknown-id"},
		"location": {"path": "Cargo.toml"},
	}} with input as facts([{
		"source": "cargo", "path": "Cargo.toml", "field": "package.license", "value": "Apache2 AND Foo", "kind": "spdx",
		"expression": "Apache2 AND Foo",
		"analysis": analysis("Apache2 AND Foo", {"valid": false, "ids": ["Apache2", "Foo"], "unknown": ["Apache2", "Foo"], "dnf": [["Apache2", "Foo"]]}),
	}])
}

test_fail_unmapped_name if {
	rule.findings == {{
		"message": "pom.xml (project.licenses): the licence name \"BSD License\" does not identify one SPDX licence; state the licence as an SPDX expression",
		"evidence": {"source": "maven", "field": "project.licenses", "value": "BSD License", "problem": "unmapped-name"},
		"location": {"path": "pom.xml"},
		"outcome": "insufficient_evidence",
	}} with input as facts([{
		"source": "maven", "path": "pom.xml", "field": "project.licenses", "value": "BSD License", "kind": "name",
		"expression": null, "analysis": null,
	}])
}

test_success_valid_and_file_references if {
	rule.findings == set() with input as facts([
		{
			"source": "pyproject", "path": "pyproject.toml", "field": "project.license", "value": "Apache-2.0", "kind": "spdx",
			"expression": "Apache-2.0", "analysis": analysis("Apache-2.0", {}),
		},
		{
			"source": "cargo", "path": "Cargo.toml", "field": "package.license-file", "value": "LICENSE.txt", "kind": "file",
			"expression": null, "analysis": null,
		},
	])
}

test_success_vague_classifier_beside_an_expression if {
	rule.findings == set() with input as facts([
		{
			"source": "pyproject", "path": "pyproject.toml", "field": "project.classifiers", "value": "License :: OSI Approved :: BSD License",
			"kind": "name", "expression": null, "analysis": null,
		},
		{
			"source": "pyproject", "path": "pyproject.toml", "field": "project.license", "value": "BSD-3-Clause", "kind": "spdx",
			"expression": "BSD-3-Clause", "analysis": analysis("BSD-3-Clause", {}),
		},
	])
}

test_success_no_licence_facts if {
	rule.findings == set() with input as {}
}

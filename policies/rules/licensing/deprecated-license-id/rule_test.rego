package dpgcheck.rules.licensing["deprecated-license-id_test"]

import data.dpgcheck.rules.licensing["deprecated-license-id"] as rule

decl(path, field, value, normalized, deprecated) := {
	"source": "pyproject", "path": path, "field": field, "value": value, "kind": "spdx", "expression": value,
	"analysis": {
		"expression": value, "normalized": normalized, "valid": true, "error": null, "ids": [normalized], "exceptions": [],
		"unknown": [], "license_refs": [], "deprecated": deprecated, "dnf": [[normalized]],
	},
}

test_fail_bare_gpl_and_plus if {
	rule.findings == {
		{
			"message": "pyproject.toml (project.license): GPL-2.0 is a deprecated SPDX id; write GPL-2.0-only, or GPL-2.0-or-later if later versions are allowed",
			"evidence": {"source": "pyproject", "field": "project.license", "deprecated": "GPL-2.0", "replacement": "GPL-2.0-only"},
			"location": {"path": "pyproject.toml"},
		},
		{
			"message": "setup.cfg (metadata.license_expression): LGPL-3.0+ is a deprecated SPDX id; write LGPL-3.0-or-later",
			"evidence": {"source": "pyproject", "field": "metadata.license_expression", "deprecated": "LGPL-3.0+", "replacement": "LGPL-3.0-or-later"},
			"location": {"path": "setup.cfg"},
		},
	} with input as {"licenses": {"declared": [
		decl("pyproject.toml", "project.license", "GPL-2.0", "GPL-2.0-only", [{"id": "GPL-2.0", "replacement": "GPL-2.0-only"}]),
		decl("setup.cfg", "metadata.license_expression", "LGPL-3.0+", "LGPL-3.0-or-later", [{"id": "LGPL-3.0+", "replacement": "LGPL-3.0-or-later"}]),
	]}}
}

test_success_current_ids if {
	rule.findings == set() with input as {"licenses": {"declared": [decl("pyproject.toml", "project.license", "GPL-2.0-only", "GPL-2.0-only", [])]}}
}

test_success_no_analysis if {
	rule.findings == set() with input as {"licenses": {"declared": [{"source": "cargo", "path": "Cargo.toml", "field": "package.license-file", "value": "LICENSE", "kind": "file", "expression": null, "analysis": null}]}}
}

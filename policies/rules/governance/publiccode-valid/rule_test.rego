package dpgcheck.rules.governance["publiccode-valid_test"]

import data.dpgcheck.rules.governance["publiccode-valid"] as rule

facts(errors, count_) := {"publiccode": {
	"present": true,
	"path": "publiccode.yml",
	"parsed": true,
	"valid": count_ == 0,
	"error_count": count_,
	"errors": errors,
	"warning_count": 0,
	"warnings": [],
}}

test_fail_each_error_located if {
	rule.findings == {
		{
			"message": "publiccode.yml: developmentStatus is 'dev'; allowed: concept, development, beta, stable, obsolete",
			"evidence": {"key": "developmentStatus", "code": "invalid-value"},
			"location": {"path": "publiccode.yml", "line": 10},
		},
		{
			"message": "publiccode.yml: maintenance.contacts is required when maintenance.type is community",
			"evidence": {"key": "maintenance.contacts", "code": "missing"},
			"location": {"path": "publiccode.yml", "line": 24},
		},
	} with input as facts(
		[
			{"key": "developmentStatus", "code": "invalid-value", "message": "developmentStatus is 'dev'; allowed: concept, development, beta, stable, obsolete", "line": 10},
			{"key": "maintenance.contacts", "code": "missing", "message": "maintenance.contacts is required when maintenance.type is community", "line": 24},
		],
		2,
	)
}

test_fail_refused_file if {
	rule.findings == {{
		"message": "publiccode.yml: aliases expand to more than 20000 nodes; refused as an alias bomb",
		"evidence": {"key": "", "code": "alias-bomb"},
		"location": {"path": "publiccode.yml", "line": 5},
	}} with input as facts([{"key": "", "code": "alias-bomb", "message": "aliases expand to more than 20000 nodes; refused as an alias bomb", "line": 5}], 1)
}

test_fail_truncated_error_list if {
	rule.findings == {
		{
			"message": "publiccode.yml: unknown key 'x' (not in the publiccode.yml standard)",
			"evidence": {"key": "x", "code": "unknown-key"},
			"location": {"path": "publiccode.yml", "line": 3},
		},
		{
			"message": "publiccode.yml: 250 more error(s) not listed",
			"evidence": {"key": "", "code": "more-errors"},
			"location": {"path": "publiccode.yml", "line": 1},
		},
	} with input as facts([{"key": "x", "code": "unknown-key", "message": "unknown key 'x' (not in the publiccode.yml standard)", "line": 3}], 251)
}

test_success_valid_with_warnings if {
	rule.findings == set() with input as {"publiccode": {
		"present": true, "path": "publiccode.yml", "parsed": true, "valid": true, "error_count": 0, "errors": [],
		"warning_count": 1, "warnings": [{"key": "publiccodeYmlVersion", "code": "old-version", "message": "old", "line": 1}],
	}}
}

test_not_applicable_when_absent if {
	rule.not_applicable with input as {"publiccode": {"present": false, "path": null, "errors": [], "error_count": 0}}
	rule.findings == set() with input as {"publiccode": {"present": false, "path": null, "errors": [], "error_count": 0}}
}

test_applicable_when_present if {
	not rule.not_applicable with input as facts([], 0)
}

package dpgcheck.rules.governance["publiccode-current_test"]

import data.dpgcheck.rules.governance["publiccode-current"] as rule

facts(warnings) := {"publiccode": {
	"present": true, "path": "publiccode.yml", "parsed": true, "valid": true,
	"error_count": 0, "errors": [], "warning_count": count(warnings), "warnings": warnings,
}}

test_fail_old_version_and_deprecated_key if {
	rule.findings == {
		{
			"message": "publiccode.yml: publiccodeYmlVersion '0.2' is not the latest version; use \"0\"",
			"evidence": {"key": "publiccodeYmlVersion", "code": "old-version"},
			"location": {"path": "publiccode.yml", "line": 1},
		},
		{
			"message": "publiccode.yml: legal.repoOwner is deprecated; use organisation.name",
			"evidence": {"key": "legal.repoOwner", "code": "deprecated"},
			"location": {"path": "publiccode.yml", "line": 31},
		},
	} with input as facts([
		{"key": "publiccodeYmlVersion", "code": "old-version", "message": "publiccodeYmlVersion '0.2' is not the latest version; use \"0\"", "line": 1},
		{"key": "legal.repoOwner", "code": "deprecated", "message": "legal.repoOwner is deprecated; use organisation.name", "line": 31},
	])
}

test_success_no_warnings if {
	rule.findings == set() with input as facts([])
}

test_not_applicable_when_absent if {
	rule.not_applicable with input as {"publiccode": {"present": false}}
	rule.findings == set() with input as {"publiccode": {"present": false}}
}

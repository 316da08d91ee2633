package dpgcheck.rules.community["security-disclosure-timeline_test"]

import data.dpgcheck.rules.community["security-disclosure-timeline"] as rule

security(path, timeline) := {"governance": {"security": {
	"path": path,
	"private_channels": ["email"],
	"pgp": false,
	"disclosure_timeline": timeline,
	"supported_versions": true,
}}}

test_fail_no_timeline if {
	rule.findings == {{
		"message": "SECURITY.md states no response or disclosure time: say how soon reports are acknowledged and when they are disclosed",
		"evidence": {"disclosure_timeline": false, "supported_versions": true},
		"location": {"path": "SECURITY.md", "line": 1},
	}} with input as security("SECURITY.md", false)
}

test_success_timeline if {
	rule.findings == set() with input as security("SECURITY.md", true)
}

test_not_applicable_without_security_policy if {
	rule.not_applicable with input as security(null, false)
	rule.findings == set() with input as security(null, false)
}

test_not_applicable_to_a_record if {
	rule.not_applicable with input as {"subject": {"kind": "record"}}
	rule.findings == set() with input as {"subject": {"kind": "record"}}
}

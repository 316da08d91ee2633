package dpgcheck.rules.community["security-private-reporting_test"]

import data.dpgcheck.rules.community["security-private-reporting"] as rule

config := {"thresholds": {"security_private_channel_kinds": ["advisory", "email", "form", "platform"]}}

security(path, channels) := {"governance": {"security": {
	"path": path,
	"private_channels": channels,
	"pgp": false,
	"disclosure_timeline": false,
	"supported_versions": false,
}}}

test_fail_no_private_channel if {
	rule.findings == {{
		"message": "SECURITY.md gives no private way to report a vulnerability: name a security e-mail address or the forge's private vulnerability reporting",
		"evidence": {"channels": [], "accepted_kinds": ["advisory", "email", "form", "platform"]},
		"location": {"path": "SECURITY.md", "line": 1},
	}} with input as security("SECURITY.md", [])
		with data.dpgcheck.config as config
}

test_fail_channel_kind_not_accepted if {
	rule.findings == {{
		"message": ".github/SECURITY.md gives no private way to report a vulnerability: name a security e-mail address or the forge's private vulnerability reporting",
		"evidence": {"channels": ["form"], "accepted_kinds": ["advisory", "email"]},
		"location": {"path": ".github/SECURITY.md", "line": 1},
	}} with input as security(".github/SECURITY.md", ["form"])
		with data.dpgcheck.config as {"thresholds": {"security_private_channel_kinds": ["advisory", "email"]}}
}

test_success_advisory if {
	rule.findings == set() with input as security("SECURITY.md", ["advisory"])
		with data.dpgcheck.config as config
}

test_success_email if {
	rule.findings == set() with input as security("docs/SECURITY.md", ["email"])
		with data.dpgcheck.config as config
}

test_not_applicable_without_security_policy if {
	rule.not_applicable with input as security(null, [])
	rule.findings == set() with input as security(null, []) with data.dpgcheck.config as config
}

test_not_applicable_to_a_record if {
	rule.not_applicable with input as {"subject": {"kind": "record"}}
	rule.findings == set() with input as {"subject": {"kind": "record"}}
}

test_fail_threshold_not_set if {
	rule.findings == {{
		"message": "The threshold security_private_channel_kinds is not set in data.dpgcheck.config (or the profile): this rule cannot judge",
		"evidence": {"threshold": "security_private_channel_kinds"},
		"outcome": "insufficient_evidence",
	}} with input as security("SECURITY.md", ["email"])
		with data.dpgcheck.config as {"thresholds": {}}
}

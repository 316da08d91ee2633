package dpgcheck.rules.community["code-of-conduct-enforcement_test"]

import data.dpgcheck.rules.community["code-of-conduct-enforcement"] as rule

config := {"thresholds": {"code_of_conduct_contact_kinds": ["email", "form"]}}

conduct(contacts, placeholder, section) := {"governance": {"code_of_conduct": {
	"path": "CODE_OF_CONDUCT.md",
	"enforcement_section": section,
	"enforcement_contacts": contacts,
	"placeholder": placeholder,
}}}

test_fail_placeholder if {
	rule.findings == {{
		"message": "CODE_OF_CONDUCT.md still holds a template placeholder instead of a contact: say how and to whom incidents are reported",
		"evidence": {"placeholder": true, "contact_kinds": [], "accepted_kinds": ["email", "form"]},
		"location": {"path": "CODE_OF_CONDUCT.md", "line": 1},
	}} with input as conduct([], true, true)
		with data.dpgcheck.config as config
}

test_fail_no_contact if {
	rule.findings == {{
		"message": "CODE_OF_CONDUCT.md names no way to report incidents (email or form): add the contact of the people who enforce it",
		"evidence": {"placeholder": false, "contact_kinds": [], "accepted_kinds": ["email", "form"], "enforcement_section": false},
		"location": {"path": "CODE_OF_CONDUCT.md", "line": 1},
	}} with input as conduct([], false, false)
		with data.dpgcheck.config as config
}

test_fail_only_a_kind_not_accepted if {
	rule.findings == {{
		"message": "CODE_OF_CONDUCT.md names no way to report incidents (email): add the contact of the people who enforce it",
		"evidence": {"placeholder": false, "contact_kinds": ["form"], "accepted_kinds": ["email"], "enforcement_section": true},
		"location": {"path": "CODE_OF_CONDUCT.md", "line": 1},
	}} with input as conduct(["form"], false, true)
		with data.dpgcheck.config as {"thresholds": {"code_of_conduct_contact_kinds": ["email"]}}
}

test_success_email_contact if {
	rule.findings == set() with input as conduct(["email"], false, true)
		with data.dpgcheck.config as config
}

test_success_contact_beside_leftover_placeholder if {
	rule.findings == set() with input as conduct(["form"], true, true)
		with data.dpgcheck.config as config
}

test_not_applicable_without_code_of_conduct if {
	no_conduct := {"governance": {"code_of_conduct": {"path": null, "enforcement_section": false, "enforcement_contacts": [], "placeholder": false}}}
	rule.not_applicable with input as no_conduct
	rule.findings == set() with input as no_conduct with data.dpgcheck.config as config
}

test_not_applicable_to_a_record if {
	rule.not_applicable with input as {"subject": {"kind": "record"}}
	rule.findings == set() with input as {"subject": {"kind": "record"}}
}

test_fail_threshold_not_set if {
	rule.findings == {{
		"message": "The threshold code_of_conduct_contact_kinds is not set in data.dpgcheck.config (or the profile): this rule cannot judge",
		"evidence": {"threshold": "code_of_conduct_contact_kinds"},
		"outcome": "insufficient_evidence",
	}} with input as conduct(["email"], false, true)
		with data.dpgcheck.config as {"thresholds": {}}
}

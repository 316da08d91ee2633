package dpgcheck.rules.governance["vision-mission-values_test"]

import data.dpgcheck.rules.governance["vision-mission-values"] as rule

one := {"thresholds": {"vision_mission_values_minimum": 1}}

all_three := {"thresholds": {"vision_mission_values_minimum": 3}}

facts(found) := {"governance": {"topics": {t: paths |
	some t in ["decision_making", "governance", "mission", "roles", "values", "vision"]
	paths := object.get(found, t, [])
}}}

test_fail_none_stated if {
	rule.findings == {{
		"message": "0 of the vision, mission and values statements found (1 expected); missing: mission, vision, values",
		"evidence": {"stated": [], "missing": ["mission", "vision", "values"], "documents": [], "minimum": 1},
	}} with input as facts({"governance": ["GOVERNANCE.md"]})
		with data.dpgcheck.config as one
}

test_fail_joint_governance_needs_all_three if {
	rule.findings == {{
		"message": "2 of the vision, mission and values statements found (3 expected); missing: values",
		"evidence": {"stated": ["mission", "vision"], "missing": ["values"], "documents": ["GOVERNANCE.md", "README.md"], "minimum": 3},
	}} with input as facts({"mission": ["README.md"], "vision": ["GOVERNANCE.md", "README.md"]})
		with data.dpgcheck.config as all_three
}

test_success_mission_only if {
	rule.findings == set() with input as facts({"mission": ["README.md"]})
		with data.dpgcheck.config as one
}

test_success_all_three if {
	rule.findings == set() with input as facts({"mission": ["README.md"], "vision": ["README.md"], "values": ["GOVERNANCE.md"]})
		with data.dpgcheck.config as all_three
}

test_not_applicable_without_governance_facts if {
	rule.not_applicable with input as {"subject": {"kind": "record"}}
	rule.findings == set() with input as {"subject": {"kind": "record"}} with data.dpgcheck.config as all_three
}

test_fail_threshold_not_set if {
	rule.findings == {{
		"message": "The threshold vision_mission_values_minimum is not set in data.dpgcheck.config (or the profile): this rule cannot judge",
		"evidence": {"threshold": "vision_mission_values_minimum"},
		"outcome": "insufficient_evidence",
	}} with input as facts({})
		with data.dpgcheck.config as {"thresholds": {}}
}

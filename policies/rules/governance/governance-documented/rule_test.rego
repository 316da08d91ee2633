package dpgcheck.rules.governance["governance-documented_test"]

import data.dpgcheck.rules.governance["governance-documented"] as rule

config := {"thresholds": {"governance_required_topics": ["decision_making", "roles"]}}

joint := {"thresholds": {"governance_required_topics": ["decision_making", "roles", "steering_body", "membership", "voting_thresholds"]}}

topics(found) := {t: paths |
	some t in ["amendments", "code_of_conduct_enforcement", "conflict_resolution", "decision_making", "funding", "governance", "membership", "mission", "release_process", "roadmap", "roles", "steering_body", "values", "vision", "voting", "voting_thresholds"]
	paths := object.get(found, t, [])
}

facts(governance_docs, found) := {"governance": {
	"documents": {"governance": governance_docs},
	"topics": topics(found),
}}

gov_md := {"path": "GOVERNANCE.md", "location": "root", "size": 900, "topics": ["decision_making", "governance", "roles"]}

test_fail_no_governance_document if {
	rule.findings == {{
		"message": "No governance document found: add GOVERNANCE.md saying how decisions are made and which roles exist",
		"evidence": {"suggested_path": "GOVERNANCE.md", "searched": ["root", ".github", "docs", "doc", "governance/"]},
	}} with input as facts([], {"decision_making": ["CONTRIBUTING.md"]})
		with data.dpgcheck.config as config
}

test_fail_missing_roles if {
	rule.findings == {{
		"message": "The governance documentation (GOVERNANCE.md) does not cover roles",
		"evidence": {"documents": ["GOVERNANCE.md"], "missing_topics": ["roles"]},
		"location": {"path": "GOVERNANCE.md", "line": 1},
	}} with input as facts([gov_md], {"governance": ["GOVERNANCE.md"], "decision_making": ["GOVERNANCE.md"]})
		with data.dpgcheck.config as config
}

test_fail_readme_section_without_decision_making if {
	rule.findings == {{
		"message": "The governance documentation (README.md) does not cover decision making, roles",
		"evidence": {"documents": ["README.md"], "missing_topics": ["decision_making", "roles"]},
		"location": {"path": "README.md", "line": 1},
	}} with input as facts([], {"governance": ["README.md"]})
		with data.dpgcheck.config as config
}

test_fail_joint_governance_thresholds if {
	rule.findings == {{
		"message": "The governance documentation (GOVERNANCE.md) does not cover a steering body, membership, voting thresholds",
		"evidence": {"documents": ["GOVERNANCE.md"], "missing_topics": ["steering_body", "membership", "voting_thresholds"]},
		"location": {"path": "GOVERNANCE.md", "line": 1},
	}} with input as facts([gov_md], {"governance": ["GOVERNANCE.md"], "decision_making": ["GOVERNANCE.md"], "roles": ["GOVERNANCE.md"]})
		with data.dpgcheck.config as joint
}

test_success_topics_across_documents if {
	rule.findings == set() with input as facts([gov_md], {"governance": ["GOVERNANCE.md", "README.md"], "decision_making": ["GOVERNANCE.md"], "roles": ["MAINTAINERS.md"]})
		with data.dpgcheck.config as config
}

test_success_governance_folder if {
	rule.findings == set() with input as facts(
		[{"path": "governance/charter.md", "location": "governance", "size": 4000, "topics": ["decision_making", "roles"]}],
		{"decision_making": ["governance/charter.md"], "roles": ["governance/charter.md"]},
	)
		with data.dpgcheck.config as config
}

test_not_applicable_without_governance_facts if {
	rule.not_applicable with input as {"subject": {"kind": "record"}}
	rule.findings == set() with input as {"subject": {"kind": "record"}} with data.dpgcheck.config as config
}

test_applicable_with_governance_facts if {
	not rule.not_applicable with input as facts([gov_md], {})
}

test_fail_threshold_not_set if {
	rule.findings == {{
		"message": "The threshold governance_required_topics is not set in data.dpgcheck.config (or the profile): this rule cannot judge",
		"evidence": {"threshold": "governance_required_topics"},
		"outcome": "insufficient_evidence",
	}} with input as facts([gov_md], {})
		with data.dpgcheck.config as {"thresholds": {}}
}

package dpgcheck.rules.security["pinned-actions_test"]

import data.dpgcheck.rules.security["pinned-actions"] as rule

sha := "8e5e7e5ab8b370d6c329ec480221332ada57f0ab"

action(ref, owned, pinned, line) := {"path": ".github/workflows/ci.yml", "line": line, "job": "build", "ref": ref, "kind": "action", "github_owned": owned, "pinned": pinned}

facts := {"security": {"actions": [
	action("actions/checkout@v4", true, false, 8),
	action(concat("@", ["docker/login-action", sha]), false, true, 10),
	{"path": ".github/workflows/ci.yml", "line": 12, "job": "build", "ref": "./.github/actions/setup", "kind": "local", "github_owned": false, "pinned": true},
]}}

test_fail_unpinned_tag if {
	rule.findings == {{
		"message": ".github/workflows/ci.yml uses actions/checkout@v4, not pinned by commit hash (1 of 2 action references are pinned; at least 100% expected)",
		"evidence": {"ref": "actions/checkout@v4", "kind": "action", "job": "build", "github_owned": true, "pinned": 1, "total": 2},
		"location": {"path": ".github/workflows/ci.yml", "line": 8},
	}} with input as facts with data.dpgcheck.config.thresholds.min_pinned_action_share as 1
}

test_success_share_meets_a_lower_threshold if {
	rule.findings == set() with input as facts with data.dpgcheck.config.thresholds.min_pinned_action_share as 0.5
}

test_success_github_owned_exempted if {
	rule.findings == set() with input as facts
		with data.dpgcheck.config.thresholds as {"min_pinned_action_share": 1, "pinned_actions_exempt_github_owned": true}
}

test_success_all_pinned if {
	rule.findings == set() with input as {"security": {"actions": [action(concat("@", ["actions/checkout", sha]), true, true, 8)]}}
		with data.dpgcheck.config.thresholds.min_pinned_action_share as 1
}

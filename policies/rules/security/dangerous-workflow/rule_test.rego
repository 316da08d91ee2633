package dpgcheck.rules.security["dangerous-workflow_test"]

import data.dpgcheck.rules.security["dangerous-workflow"] as rule

checkout(ref, contexts, triggers) := {"security": {"checkouts": [{"path": ".github/workflows/pr.yml", "line": 12, "job": "build", "ref": ref, "contexts": contexts, "triggers": triggers}], "expressions": []}}

test_fail_pull_request_target_checks_out_head if {
	rule.findings == {{
		"message": ".github/workflows/pr.yml checks out pull request code (ref: ${{ github.event.pull_request.head.sha }}) in a workflow started by pull_request_target, which runs with the repository's secrets and write token",
		"evidence": {"pattern": "untrusted-checkout", "job": "build", "ref": "${{ github.event.pull_request.head.sha }}", "triggers": ["pull_request_target"]},
		"location": {"path": ".github/workflows/pr.yml", "line": 12},
	}} with input as checkout("${{ github.event.pull_request.head.sha }}", ["github.event.pull_request.head.sha"], ["pull_request_target"])
}

test_fail_workflow_run_checks_out_refs_pull if {
	count(rule.findings) == 1 with input as checkout("refs/pull/${{ github.event.number }}/merge", ["github.event.number"], ["workflow_run"])
}

test_success_same_checkout_under_pull_request if {
	rule.findings == set() with input as checkout("${{ github.event.pull_request.head.sha }}", ["github.event.pull_request.head.sha"], ["pull_request"])
}

test_success_pull_request_target_checks_out_base if {
	rule.findings == set() with input as checkout("main", [], ["pull_request_target"])
}

expression(context) := {"security": {"checkouts": [], "expressions": [{"path": ".github/workflows/triage.yml", "line": 9, "job": "label", "field": "run", "context": context}]}}

test_fail_issue_title_in_run if {
	rule.findings == {{
		"message": ".github/workflows/triage.yml pastes ${{ github.event.issue.title }}, text an outsider controls, into a run script (job label): pass it through an environment variable instead",
		"evidence": {"pattern": "script-injection", "job": "label", "context": "github.event.issue.title", "field": "run"},
		"location": {"path": ".github/workflows/triage.yml", "line": 9},
	}} with input as expression("github.event.issue.title")
}

test_success_issue_number_in_run if {
	rule.findings == set() with input as expression("github.event.issue.number")
}

test_success_no_security_facts if {
	rule.findings == set() with input as {}
}

package dpgcheck.rules.stewardship["elephant-factor_test"]

import data.dpgcheck.rules.stewardship["elephant-factor"] as rule

thresholds := {"stewardship_window": "last_12_months", "min_elephant_factor": 2, "max_unknown_organisation_share": 0.5}

history(window) := {"available": true, "reason": null, "shallow": false, "commits_read": 40, "last_12_months": window}

two_governments := {
	"commits": 40, "unknown_organisation_share": 0.1, "top_organisation_share": 0.5, "elephant_factor": 2,
	"organisations": [{"name": "ict.go.ke", "commits": 18, "share": 0.5, "contributors": 3}, {"name": "serpro.gov.br", "commits": 18, "share": 0.5, "contributors": 2}],
}

single_vendor := {
	"commits": 30, "unknown_organisation_share": 0, "top_organisation_share": 0.9333, "elephant_factor": 1,
	"organisations": [{"name": "acme-systems.com", "commits": 28, "share": 0.9333, "contributors": 4}, {"name": "ict.go.ke", "commits": 2, "share": 0.0667, "contributors": 1}],
}

test_fail_single_vendor if {
	rule.findings == {{
		"message": "Elephant factor 1 in the window last_12_months: acme-systems.com made 93% of the commits by known organisations; at least 2 organisations should make up half of the work",
		"evidence": {
			"window": "last_12_months", "elephant_factor": 1, "min_elephant_factor": 2, "commits": 30,
			"organisations": [{"name": "acme-systems.com", "share": 0.9333}, {"name": "ict.go.ke", "share": 0.0667}],
		},
	}} with input as {"history": history(single_vendor)} with data.dpgcheck.config.thresholds as thresholds
}

test_success_two_governments if {
	rule.findings == set() with input as {"history": history(two_governments)} with data.dpgcheck.config.thresholds as thresholds
}

test_success_lifetime_window_from_threshold if {
	rule.findings == set() with input as {"history": {"available": true, "shallow": false, "lifetime": two_governments, "last_12_months": single_vendor}}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"stewardship_window": "lifetime"})
}

test_fail_stricter_threshold if {
	rule.findings == {{
		"message": "Elephant factor 2 in the window last_12_months: ict.go.ke made 50% of the commits by known organisations; at least 3 organisations should make up half of the work",
		"evidence": {
			"window": "last_12_months", "elephant_factor": 2, "min_elephant_factor": 3, "commits": 40,
			"organisations": [{"name": "ict.go.ke", "share": 0.5}, {"name": "serpro.gov.br", "share": 0.5}],
		},
	}} with input as {"history": history(two_governments)}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"min_elephant_factor": 3})
}

test_fail_insufficient_unknown_organisations if {
	rule.findings == {{
		"message": "The organisation is unknown for 80% of the commits in the window last_12_months (webmail or unmapped addresses), more than the 50% allowed; pass an affiliation map with --affiliations",
		"evidence": {"window": "last_12_months", "unknown_organisation_share": 0.8, "max_unknown_organisation_share": 0.5},
		"outcome": "insufficient_evidence",
	}} with input as {"history": history(object.union(single_vendor, {"unknown_organisation_share": 0.8}))}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_no_git if {
	rule.findings == {{
		"message": "No git history: the directory is not a git repository, so the organisations doing the work cannot be counted; run dpgcheck in a full git clone",
		"evidence": {"reason": "no-git"},
		"outcome": "insufficient_evidence",
	}} with input as {"history": {"available": false, "reason": "no-git", "shallow": false}} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_no_history_section if {
	rule.findings == {{
		"message": "No git history in the facts, so the organisations doing the work cannot be counted",
		"evidence": {"reason": null},
		"outcome": "insufficient_evidence",
	}} with input as {"subject": {"kind": "record"}} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_shallow if {
	rule.findings == {{
		"message": "Shallow clone: only part of the history is present, so the elephant factor cannot be measured; fetch the full history (git fetch --unshallow)",
		"evidence": {"shallow": true, "commits_read": 1},
		"outcome": "insufficient_evidence",
	}} with input as {"history": {"available": true, "shallow": true, "commits_read": 1, "last_12_months": single_vendor}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_empty_window if {
	rule.findings == {{
		"message": "No commits by people in the window last_12_months, so the elephant factor is undefined",
		"evidence": {"window": "last_12_months", "commits": 0},
		"outcome": "insufficient_evidence",
	}} with input as {"history": history({"commits": 0, "unknown_organisation_share": null, "top_organisation_share": null, "elephant_factor": null, "organisations": []})}
		with data.dpgcheck.config.thresholds as thresholds
}

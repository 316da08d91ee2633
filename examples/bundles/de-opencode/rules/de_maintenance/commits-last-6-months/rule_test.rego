package dpgcheck.rules.de_maintenance["de.commits-last-6-months_test"]

import data.dpgcheck.rules.de_maintenance["de.commits-last-6-months"] as rule

history(in_90_days, in_12_months) := {"available": true, "last_90_days": {"commits": in_90_days}, "last_12_months": {"commits": in_12_months}}

thresholds := {"de_min_commits_6_months": 5}

test_success_enough_commits_in_90_days if {
	rule.findings == set() with input as {"history": history(5, 40)} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_too_few_commits_in_12_months if {
	rule.findings == {{
		"message": "4 commits in the last 12 months, so fewer than 5 in the last six",
		"evidence": {"commits_last_12_months": 4, "minimum": 5},
	}} with input as {"history": history(4, 4)} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_between_is_insufficient_evidence_not_a_pass if {
	rule.findings == {{
		"outcome": "insufficient_evidence",
		"message": "2 commits in 90 days and 9 in 12 months: whether six months hold 5 cannot be told from these counts",
		"evidence": {"commits_last_90_days": 2, "commits_last_12_months": 9, "minimum": 5},
	}} with input as {"history": history(2, 9)} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_no_history if {
	rule.findings == {{"outcome": "insufficient_evidence", "message": "No git history: the commits of the last six months cannot be counted", "evidence": {}}} with input as {"history": {"available": false}}
		with data.dpgcheck.config.thresholds as thresholds
}

package dpgcheck.rules.stewardship["contributor-absence-factor_test"]

import data.dpgcheck.rules.stewardship["contributor-absence-factor"] as rule

thresholds := {"history_windows": {"last_90_days": 90, "last_12_months": 365}, "stewardship_window": "last_12_months", "min_absence_factor": 2, "absence_factor_share": 0.5}

history(window) := {"available": true, "shallow": false, "commits_read": 50, "last_12_months": window}

test_fail_one_person if {
	rule.findings == {{
		"message": "Contributor absence factor 1 in the window last_12_months: 1 person(s) made half of the 50 commits; at least 2 should",
		"evidence": {"window": "last_12_months", "absence_factor": 1, "absence_factor_share": 0.5, "contributors": 3, "commits": 50, "min_absence_factor": 2},
	}} with input as {"history": history(one_person)}
		with data.dpgcheck.config.thresholds as thresholds
}

# 50 commits: one person made 30, two made 10 each.
one_person := {"commits": 50, "contributors": 3, "commits_per_contributor": [{"commits": 30, "members": 1}, {"commits": 10, "members": 2}]}

test_success_one_person_is_not_half_enough_for_a_larger_share if {
	# 30 of 50 commits reach 60 % alone, not 70 %: at 0.7 two people are needed.
	rule.findings == set() with input as {"history": history(one_person)}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"absence_factor_share": 0.7})
	rule.findings == {{
		"message": "Contributor absence factor 1 in the window last_12_months: 1 person(s) made 60% of the 50 commits; at least 2 should",
		"evidence": {"window": "last_12_months", "absence_factor": 1, "absence_factor_share": 0.6, "contributors": 3, "commits": 50, "min_absence_factor": 2},
	}} with input as {"history": history(one_person)}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"absence_factor_share": 0.6})
}

# A facts 1.x document carries the factor the collector computed.
test_fail_one_person_in_facts_1_x if {
	rule.findings == {{
		"message": "Contributor absence factor 1 in the window last_12_months: 1 person(s) made half of the 50 commits; at least 2 should",
		"evidence": {"window": "last_12_months", "absence_factor": 1, "absence_factor_share": 0.5, "contributors": 3, "commits": 50, "min_absence_factor": 2},
	}} with input as {"history": history({"commits": 50, "contributors": 3, "absence_factor": 1})}
		with data.dpgcheck.config.thresholds as thresholds
}

test_success_several_people if {
	rule.findings == set() with input as {"history": history({"commits": 50, "contributors": 7, "commits_per_contributor": [{"commits": 10, "members": 2}, {"commits": 5, "members": 6}]})}
		with data.dpgcheck.config.thresholds as thresholds
}

test_success_exactly_at_threshold if {
	rule.findings == set() with input as {"history": history({"commits": 50, "contributors": 3, "commits_per_contributor": [{"commits": 24, "members": 2}, {"commits": 2, "members": 1}]})}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_no_git if {
	rule.findings == {{
		"message": "No git history, so the contributor absence factor cannot be measured; run dpgcheck in a full git clone",
		"evidence": {"reason": "no-git"},
		"outcome": "insufficient_evidence",
	}} with input as {"history": {"available": false, "reason": "no-git", "shallow": false}} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_shallow if {
	rule.findings == {{
		"message": "Shallow clone: only part of the history is present, so the contributor absence factor cannot be measured; fetch the full history (git fetch --unshallow)",
		"evidence": {"shallow": true, "commits_read": 1},
		"outcome": "insufficient_evidence",
	}} with input as {"history": {"available": true, "shallow": true, "commits_read": 1, "last_12_months": {"commits": 1, "contributors": 1, "absence_factor": 1}}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_empty_window if {
	rule.findings == {{
		"message": "No commits by people in the window last_12_months, so the contributor absence factor is undefined",
		"evidence": {"window": "last_12_months", "commits": 0},
		"outcome": "insufficient_evidence",
	}} with input as {"history": history({"commits": 0, "contributors": 0, "absence_factor": null})}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_window_not_in_the_facts if {
	rule.findings == {{
		"outcome": "insufficient_evidence",
		"message": "The facts hold no history window of 180 days (last_6_months, in the threshold history_windows), only of [90, 365] days; collect them again with this bundle (dpgcheck check, or dpgcheck facts --bundle)",
		"evidence": {"window": "last_6_months", "days": 180, "facts_window_days": [90, 365]},
	}} with input as {"history": {"available": true, "shallow": false, "windows": [{"days": 90, "commits": 5}, {"days": 365, "commits": 9}]}}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"history_windows": {"last_6_months": 180}, "stewardship_window": "last_6_months"})
}

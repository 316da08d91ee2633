package dpgcheck.rules.de_maintenance["de.commits-last-6-months_test"]

import data.dpgcheck.rules.de_maintenance["de.commits-last-6-months"] as rule

# Facts 3.0: one entry per window length the bundles named.
history(in_183_days) := {"available": true, "windows": [
	{"days": 90, "commits": 1},
	{"days": 183, "commits": in_183_days},
	{"days": 365, "commits": 40},
]}

thresholds := {"de_min_commits_6_months": 5, "history_windows": {"last_90_days": 90, "last_12_months": 365, "de_last_6_months": 183}}

test_success_enough_commits_in_six_months if {
	rule.findings == set() with input as {"history": history(5)} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_too_few_commits_in_six_months if {
	rule.findings == {{
		"message": "4 commits in the 183 days up to the last commit; openCode asks for at least 5 in six months",
		"evidence": {"window": "de_last_6_months", "commits": 4, "minimum": 5},
	}} with input as {"history": history(4)} with data.dpgcheck.config.thresholds as thresholds
}

# Facts 2.0 (or 3.0 collected without this bundle) hold no six-month window: never a pass.
test_fail_facts_without_the_window_are_insufficient_evidence if {
	rule.findings == {{
		"outcome": "insufficient_evidence",
		"message": "The facts hold no history window of 183 days (de_last_6_months, in the threshold history_windows), only of [90, 365] days; collect them again with this bundle (dpgcheck check, or dpgcheck facts --bundle)",
		"evidence": {"window": "de_last_6_months", "days": 183, "facts_window_days": [90, 365]},
	}} with input as {"history": {"available": true, "last_90_days": {"commits": 9}, "last_12_months": {"commits": 40}}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_no_history if {
	rule.findings == {{"outcome": "insufficient_evidence", "message": "No git history: the commits of the last six months cannot be counted", "evidence": {}}} with input as {"history": {"available": false}}
		with data.dpgcheck.config.thresholds as thresholds
}

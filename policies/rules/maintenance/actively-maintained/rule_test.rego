package dpgcheck.rules.maintenance["actively-maintained_test"]

import data.dpgcheck.rules.maintenance["actively-maintained"] as rule

thresholds := {"history_windows": {"last_90_days": 90, "last_12_months": 365}, "activity_window": "last_12_months", "max_inactive_months": 12, "min_commits_last_12_months": 12}

active := {
	"available": true, "shallow": false,
	"reference_time": "2026-10-01T09:00:00Z", "last_commit_time": "2026-10-01T09:00:00Z",
	"last_12_months": {"commits": 80, "merges": 20},
}

abandoned := {
	"available": true, "shallow": false,
	"reference_time": "2022-03-10T12:00:00Z", "last_commit_time": "2022-03-10T12:00:00Z",
	"last_12_months": {"commits": 60, "merges": 0},
}

test_success_active if {
	rule.findings == set() with input as {"history": active, "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_abandoned_against_the_clock if {
	rule.findings == {{
		"message": "No commit for 1720 days: the last one is from 2022-03-10, more than 12 months before 2026-11-25",
		"evidence": {
			"last_commit_time": "2022-03-10T12:00:00Z", "clock": "2026-11-25T00:00:00Z", "clock_source": "options.now",
			"days_inactive": 1720, "max_inactive_months": 12,
		},
	}} with input as {"history": abandoned, "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_success_just_inside_the_inactivity_limit if {
	rule.findings == set() with input as {"history": abandoned, "options": {"now": "2023-03-10T12:00:00Z"}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_one_second_past_the_inactivity_limit if {
	rule.findings == {{
		"message": "No commit for 365 days: the last one is from 2022-03-10, more than 12 months before 2023-03-10",
		"evidence": {
			"last_commit_time": "2022-03-10T12:00:00Z", "clock": "2023-03-10T12:00:01Z", "clock_source": "options.now",
			"days_inactive": 365, "max_inactive_months": 12,
		},
	}} with input as {"history": abandoned, "options": {"now": "2023-03-10T12:00:01Z"}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_success_without_clock_uses_head_commit if {
	rule.findings == set() with input as {"history": abandoned} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_profile_threshold_months if {
	rule.findings == {{
		"message": "No commit for 54 days: the last one is from 2026-10-01, more than 1 months before 2026-11-25",
		"evidence": {
			"last_commit_time": "2026-10-01T09:00:00Z", "clock": "2026-11-25T00:00:00Z", "clock_source": "options.now",
			"days_inactive": 54, "max_inactive_months": 1,
		},
	}} with input as {"history": active, "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"max_inactive_months": 1})
}

test_fail_too_few_commits if {
	rule.findings == {{
		"message": "3 commit(s) and merge(s) by people in the 365 days up to the last commit (2026-10-01, window last_12_months); at least 12 are expected",
		"evidence": {"window": "last_12_months", "commits_last_12_months": 3, "min_commits_last_12_months": 12, "last_commit_time": "2026-10-01T09:00:00Z", "shallow": false},
	}} with input as {"history": object.union(active, {"last_12_months": {"commits": 2, "merges": 1}}), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_shallow_with_few_commits if {
	rule.findings == {{
		"message": "1 commit(s) and merge(s) by people in the 365 days up to the last commit (2026-10-01, window last_12_months); at least 12 are expected: the clone is shallow, so older commits may be missing (git fetch --unshallow)",
		"evidence": {"window": "last_12_months", "commits_last_12_months": 1, "min_commits_last_12_months": 12, "last_commit_time": "2026-10-01T09:00:00Z", "shallow": true},
		"outcome": "insufficient_evidence",
	}} with input as {"history": object.union(active, {"shallow": true, "last_12_months": {"commits": 1, "merges": 0}}), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_no_git if {
	rule.findings == {{
		"message": "No git history, so maintenance activity cannot be seen; run dpgcheck in a git clone",
		"evidence": {"reason": "no-git"},
		"outcome": "insufficient_evidence",
	}} with input as {"history": {"available": false, "reason": "no-git", "shallow": false}, "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as thresholds
}

# Facts 3.0: the windows the bundles named, each with its length; the rule picks activity_window.
windows_3_0(in_182_days, in_365_days) := {"available": true, "shallow": false, "reference_time": "2026-10-01T09:00:00Z", "last_commit_time": "2026-10-01T09:00:00Z", "windows": [
	{"days": 182, "commits": in_182_days, "merges": 0},
	{"days": 365, "commits": in_365_days, "merges": 0},
]}

half_year := object.union(thresholds, {"history_windows": {"last_6_months": 182}, "activity_window": "last_6_months"})

test_success_enough_commits_in_a_window_of_the_bundle if {
	rule.findings == set() with input as {"history": windows_3_0(12, 20), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as half_year
}

test_fail_too_few_commits_in_a_window_of_the_bundle if {
	rule.findings == {{
		"message": "5 commit(s) and merge(s) by people in the 182 days up to the last commit (2026-10-01, window last_6_months); at least 12 are expected",
		"evidence": {"window": "last_6_months", "commits_last_12_months": 5, "min_commits_last_12_months": 12, "last_commit_time": "2026-10-01T09:00:00Z", "shallow": false},
	}} with input as {"history": windows_3_0(5, 20), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as half_year
}

# Facts without the window the bundle asks for cannot tell; they never pass.
test_fail_insufficient_window_not_in_the_facts if {
	rule.findings == {{
		"message": "The facts hold no history window of 182 days (last_6_months, in the threshold history_windows), only of [90, 365] days; collect them again with this bundle (dpgcheck check, or dpgcheck facts --bundle)",
		"evidence": {"window": "last_6_months", "days": 182, "facts_window_days": [90, 365]},
		"outcome": "insufficient_evidence",
	}} with input as {"history": object.union(active, {"last_90_days": {"commits": 80, "merges": 0}}), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as half_year
}

test_fail_insufficient_window_not_defined if {
	rule.findings == {{
		"message": "The window last_6_months is not defined in the threshold history_windows (window names and their lengths in days), so the history cannot be judged over it",
		"evidence": {"window": "last_6_months", "days": null, "facts_window_days": [365]},
		"outcome": "insufficient_evidence",
	}} with input as {"history": active, "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"activity_window": "last_6_months"})
}

package dpgcheck.rules.stewardship["elephant-factor_test"]

import data.dpgcheck.rules.stewardship["elephant-factor"] as rule

thresholds := {"history_windows": {"last_90_days": 90, "last_12_months": 365}, "stewardship_window": "last_12_months", "min_elephant_factor": 2, "max_unknown_organisation_share": 0.5, "elephant_factor_share": 0.5}

history(window) := {"available": true, "reason": null, "shallow": false, "commits_read": 40, "last_12_months": window}

two_governments := {
	"commits": 40, "unknown_organisation_share": 0.1, "top_organisation_share": 0.4722, "commits_per_organisation": [{"commits": 17, "members": 2}, {"commits": 2, "members": 1}],
	"organisations": [{"name": "ict.go.ke", "commits": 17, "share": 0.4722, "contributors": 3}, {"name": "serpro.gov.br", "commits": 17, "share": 0.4722, "contributors": 2}, {"name": "digital.gov.uk", "commits": 2, "share": 0.0556, "contributors": 1}],
}

single_vendor := {
	"commits": 30, "unknown_organisation_share": 0, "top_organisation_share": 0.9333, "commits_per_organisation": [{"commits": 28, "members": 1}, {"commits": 2, "members": 1}],
	"organisations": [{"name": "acme-systems.com", "commits": 28, "share": 0.9333, "contributors": 4}, {"name": "ict.go.ke", "commits": 2, "share": 0.0667, "contributors": 1}],
}

test_fail_single_vendor if {
	rule.findings == {{
		"message": "Elephant factor 1 in the window last_12_months: acme-systems.com made 93% of the commits by known organisations; at least 2 organisations should make up half of the work",
		"evidence": {
			"window": "last_12_months", "elephant_factor": 1, "min_elephant_factor": 2, "elephant_factor_share": 0.5, "commits": 30,
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
		"message": "Elephant factor 2 in the window last_12_months: ict.go.ke made 47% of the commits by known organisations; at least 3 organisations should make up half of the work",
		"evidence": {
			"window": "last_12_months", "elephant_factor": 2, "min_elephant_factor": 3, "elephant_factor_share": 0.5, "commits": 40,
			"organisations": [{"name": "ict.go.ke", "share": 0.4722}, {"name": "serpro.gov.br", "share": 0.4722}, {"name": "digital.gov.uk", "share": 0.0556}],
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

test_fail_single_vendor_reaches_a_larger_share_alone if {
	# acme-systems.com made 28 of 30 commits: alone it reaches 90 %, not 95 %.
	rule.findings == set() with input as {"history": history(single_vendor)}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"elephant_factor_share": 0.95})
	rule.findings == {{
		"message": "Elephant factor 1 in the window last_12_months: acme-systems.com made 93% of the commits by known organisations; at least 2 organisations should make up 90% of the work",
		"evidence": {
			"window": "last_12_months", "elephant_factor": 1, "min_elephant_factor": 2, "elephant_factor_share": 0.9, "commits": 30,
			"organisations": [{"name": "acme-systems.com", "share": 0.9333}, {"name": "ict.go.ke", "share": 0.0667}],
		},
	}} with input as {"history": history(single_vendor)}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"elephant_factor_share": 0.9})
}

test_fail_single_vendor_in_facts_1_x if {
	legacy := object.union(object.remove(single_vendor, ["commits_per_organisation"]), {"elephant_factor": 1})
	rule.findings == {{
		"message": "Elephant factor 1 in the window last_12_months: acme-systems.com made 93% of the commits by known organisations; at least 2 organisations should make up half of the work",
		"evidence": {
			"window": "last_12_months", "elephant_factor": 1, "min_elephant_factor": 2, "elephant_factor_share": 0.5, "commits": 30,
			"organisations": [{"name": "acme-systems.com", "share": 0.9333}, {"name": "ict.go.ke", "share": 0.0667}],
		},
	}} with input as {"history": history(legacy)} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_no_known_organisation_when_unknown_ones_are_allowed if {
	unknown_only := {"commits": 5, "unknown_organisation_share": 1, "top_organisation_share": null, "commits_per_organisation": [], "organisations": []}
	rule.findings == {{
		"message": "No commit in the window last_12_months is by a known organisation, so the elephant factor is undefined; pass an affiliation map with --affiliations",
		"evidence": {"window": "last_12_months", "commits": 5, "organisations": []},
		"outcome": "insufficient_evidence",
	}} with input as {"history": history(unknown_only)}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"max_unknown_organisation_share": 1})
}

# Facts 3.0: windows by length; the rule takes the one stewardship_window names.
windows_3_0 := {"available": true, "reason": null, "shallow": false, "commits_read": 40, "windows": [
	object.union(single_vendor, {"days": 180}),
	object.union(two_governments, {"days": 365}),
]}

test_fail_single_vendor_in_a_window_of_the_bundle if {
	rule.findings == {{
		"message": "Elephant factor 1 in the window last_6_months: acme-systems.com made 93% of the commits by known organisations; at least 2 organisations should make up half of the work",
		"evidence": {
			"window": "last_6_months", "elephant_factor": 1, "min_elephant_factor": 2, "elephant_factor_share": 0.5, "commits": 30,
			"organisations": [{"name": "acme-systems.com", "share": 0.9333}, {"name": "ict.go.ke", "share": 0.0667}],
		},
	}} with input as {"history": windows_3_0}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"history_windows": {"last_6_months": 180}, "stewardship_window": "last_6_months"})
}

test_success_two_governments_in_the_365_day_window if {
	rule.findings == set() with input as {"history": windows_3_0} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_window_not_in_the_facts if {
	rule.findings == {{
		"outcome": "insufficient_evidence",
		"message": "The facts hold no history window of 730 days (last_2_years, in the threshold history_windows), only of [180, 365] days; collect them again with this bundle (dpgcheck check, or dpgcheck facts --bundle)",
		"evidence": {"window": "last_2_years", "days": 730, "facts_window_days": [180, 365]},
	}} with input as {"history": windows_3_0}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"history_windows": {"last_2_years": 730}, "stewardship_window": "last_2_years"})
}

package dpgcheck.lib.history_test

import data.dpgcheck.lib.history

groups(counts) := [{"commits": c, "members": count([x | some x in counts; x == c])} | some c in {v | some v in counts}]

test_success_cumulative_factor_follows_chaoss_examples if {
	history.cumulative_factor(groups([1000, 202, 90, 33, 332, 343, 42, 433]), 0.5) == 2
	history.cumulative_factor(groups([125, 125, 125, 125, 125, 125, 125, 125]), 0.5) == 4
	history.cumulative_factor(groups([50, 30, 20]), 0.5) == 1
	history.cumulative_factor(groups([50, 30, 20]), 0.8) == 2
	history.cumulative_factor(groups([50, 30, 20]), 0.81) == 3
	history.cumulative_factor(groups([10, 10, 10, 10, 1]), 0.3) == 2
	history.cumulative_factor(groups([30, 10, 10]), 0.6) == 1 # 0.6 * 50 is 30 on both engines
}

test_fail_cumulative_factor_undefined_without_commits if {
	not history.cumulative_factor([], 0.5)
	not history.cumulative_factor([{"commits": 0, "members": 3}], 0.5)
}

test_success_factor_share_from_configuration if {
	window := {"commits_per_organisation": groups([50, 30, 20]), "commits_per_contributor": groups([40, 30, 30])}
	history.elephant_factor(window) == 1 with data.dpgcheck.config.thresholds.elephant_factor_share as 0.5
	history.elephant_factor(window) == 2 with data.dpgcheck.config.thresholds.elephant_factor_share as 0.75
	history.absence_factor(window) == 2 with data.dpgcheck.config.thresholds.absence_factor_share as 0.5
	history.absence_factor(window) == 3 with data.dpgcheck.config.thresholds.absence_factor_share as 0.9
}

test_success_facts_1_x_carry_the_factor if {
	history.elephant_factor({"elephant_factor": 3}) == 3
	history.absence_factor({"absence_factor": 1}) == 1
	not history.elephant_factor({"elephant_factor": null})
}

test_success_tag_scheme if {
	history.tag_scheme({"semver": 0, "calver": 0, "numeric": 0, "other": 0}) == "none"
	history.tag_scheme({"semver": 0, "calver": 0, "numeric": 0, "other": 2}) == "other"
	history.tag_scheme({"semver": 9, "calver": 0, "numeric": 1, "other": 5}) == "semver"
	history.tag_scheme({"semver": 3, "calver": 3, "numeric": 0, "other": 0}) == "mixed"
	history.tag_scheme({"semver": 1, "calver": 3, "numeric": 0, "other": 0}) == "mixed"
}

test_fail_tag_scheme_share_from_configuration if {
	history.tag_scheme({"semver": 1, "calver": 3, "numeric": 0, "other": 0}) == "calver" with data.dpgcheck.config.thresholds.tag_scheme_min_share as 0.75
	history.tag_scheme({"semver": 9, "calver": 0, "numeric": 1, "other": 0}) == "mixed" with data.dpgcheck.config.thresholds.tag_scheme_min_share as 0.95
}

test_success_share_words if {
	history.share_words(0.5) == "half"
	history.share_words(0.75) == "75%"
}

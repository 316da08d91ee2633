package dpgcheck.lib.config_test

import data.dpgcheck.lib.config

test_success_profile_threshold_overrides_default if {
	config.threshold("max_inactive_months") == 6 with data.dpgcheck.config as {"profile": "p", "thresholds": {"max_inactive_months": 12}}
		with data.dpgcheck.profiles as {"p": {"thresholds": {"max_inactive_months": 6}}}
}

test_success_run_option_overrides_profile if {
	config.threshold("max_inactive_months") == 3 with data.dpgcheck.config as {"profile": "p", "thresholds": {"max_inactive_months": 12}}
		with data.dpgcheck.profiles as {"p": {"thresholds": {"max_inactive_months": 6}}}
		with input.options as {"thresholds": {"max_inactive_months": 3}}
}

test_success_profile_from_options if {
	config.profile_name == "q" with data.dpgcheck.config as {"profile": "p"}
		with input.options as {"profile": "q"}
}

test_fail_unset_threshold_is_undefined if {
	not config.threshold("nothing") with data.dpgcheck.config as {"profile": "p"}
		with data.dpgcheck.profiles as {"p": {}}
}

included_profiles := {
	"national": {"include": ["profile:base", "readme"], "thresholds": {"a": 1}, "severity": {"x": "error"}},
	"base": {"include": ["profile:core"], "thresholds": {"a": 5, "b": 2}, "severity": {"x": "info", "y": "warning"}},
	"core": {"include": ["license-file"], "thresholds": {"c": 3}},
	"other": {"include": ["*"], "thresholds": {"d": 4}},
}

test_success_profile_includes_profiles_at_any_depth if {
	config.included_profiles == {"national", "base", "core"} with data.dpgcheck.profiles as included_profiles
		with input.options as {"profile": "national"}
}

test_success_included_thresholds_apply_and_own_win if {
	config._thresholds == {"a": 1, "b": 2, "c": 3} with data.dpgcheck.profiles as included_profiles
		with data.dpgcheck.config as {}
		with input.options as {"profile": "national"}
}

test_success_included_severities_apply_and_own_win if {
	config.profile_section("severity") == {"x": "error", "y": "warning"} with data.dpgcheck.profiles as included_profiles
		with input.options as {"profile": "national"}
}

test_fail_unknown_profile_includes_nothing if {
	config.included_profiles == set() with data.dpgcheck.profiles as included_profiles
		with input.options as {"profile": "nope"}
}

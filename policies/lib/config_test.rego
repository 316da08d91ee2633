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

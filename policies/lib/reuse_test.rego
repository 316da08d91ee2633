package dpgcheck.lib.reuse_test

import data.dpgcheck.lib.reuse

reuse_project := {"licenses_dir": [{"id": "MIT", "path": "LICENSES/MIT.txt", "extension": ".txt"}], "reuse_toml": [], "dep5": false, "sources": {"file-header": 3}}

tagged_only := {"licenses_dir": [], "reuse_toml": [], "dep5": false, "sources": {"file-header": 3}}

test_success_licenses_dir_is_adoption if {
	reuse.adopted with input.reuse as reuse_project
	reuse.signals == {"licenses_dir"} with input.reuse as reuse_project
}

test_success_dep5_and_reuse_toml_are_adoption if {
	reuse.signals == {"reuse_toml", "dep5"} with input.reuse as object.union(tagged_only, {"reuse_toml": ["REUSE.toml"], "dep5": true})
}

test_fail_headers_alone_are_not_adoption_by_default if {
	not reuse.adopted with input.reuse as tagged_only
}

test_success_headers_count_when_the_configuration_says_so if {
	reuse.adopted with input.reuse as tagged_only
		with data.dpgcheck.config.thresholds.reuse_adoption_signals as ["file_headers"]
		with data.dpgcheck.config.thresholds.reuse_adoption_min_header_files as 3
	not reuse.adopted with input.reuse as tagged_only
		with data.dpgcheck.config.thresholds.reuse_adoption_signals as ["file_headers"]
		with data.dpgcheck.config.thresholds.reuse_adoption_min_header_files as 4
}

test_fail_licenses_dir_not_counted_when_the_configuration_drops_it if {
	not reuse.adopted with input.reuse as reuse_project
		with data.dpgcheck.config.thresholds.reuse_adoption_signals as ["reuse_toml", "dep5"]
}

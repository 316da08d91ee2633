package dpgcheck.rules.maintenance["release-tags_test"]

import data.dpgcheck.rules.maintenance["release-tags"] as rule

thresholds := {"min_release_tags": 1, "max_months_since_release": 24, "tag_scheme_min_share": 0.8}

history(tags) := {"available": true, "shallow": false, "reference_time": "2026-10-01T09:00:00Z", "tags": tags}

released := {
	"count": 6, "version_tags": 5, "schemes": {"semver": 5, "calver": 0, "numeric": 0, "other": 1},
	"latest_version_tag": {"name": "v2.3.0", "time": "2026-06-30T10:00:00Z"},
}

test_success_recent_release if {
	rule.findings == set() with input as {"history": history(released), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_no_version_tags if {
	rule.findings == {{
		"message": "0 version tag(s) among 2 tag(s) in the repository; at least 1 expected: tag releases with a version such as v1.2.0 or 2025.03",
		"evidence": {"version_tags": 0, "tags": 2, "scheme": "other", "min_release_tags": 1, "shallow": false},
	}} with input as {"history": history({"count": 2, "version_tags": 0, "schemes": {"semver": 0, "calver": 0, "numeric": 0, "other": 2}, "latest_version_tag": null}), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_shallow_without_tags if {
	rule.findings == {{
		"message": "0 version tag(s) among 0 tag(s) in the repository; at least 1 expected: tag releases with a version such as v1.2.0 or 2025.03 (the clone is shallow and may lack tags: git fetch --tags --unshallow)",
		"evidence": {"version_tags": 0, "tags": 0, "scheme": "none", "min_release_tags": 1, "shallow": true},
		"outcome": "insufficient_evidence",
	}} with input as {"history": object.union(history({"count": 0, "version_tags": 0, "schemes": {"semver": 0, "calver": 0, "numeric": 0, "other": 0}, "latest_version_tag": null}), {"shallow": true}), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_stale_release if {
	rule.findings == {{
		"message": "The latest release tag v2.3.0 is from 2026-06-30, more than 3 months before 2026-11-25",
		"evidence": {
			"latest_version_tag": {"name": "v2.3.0", "time": "2026-06-30T10:00:00Z"},
			"clock": "2026-11-25T00:00:00Z", "clock_source": "options.now", "max_months_since_release": 3,
		},
	}} with input as {"history": history(released), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"max_months_since_release": 3})
}

test_fail_stale_release_without_clock_uses_head_commit if {
	rule.findings == {{
		"message": "The latest release tag v2.3.0 is from 2026-06-30, more than 2 months before 2026-10-01",
		"evidence": {
			"latest_version_tag": {"name": "v2.3.0", "time": "2026-06-30T10:00:00Z"},
			"clock": "2026-10-01T09:00:00Z", "clock_source": "head-commit", "max_months_since_release": 2,
		},
	}} with input as {"history": history(released)}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"max_months_since_release": 2})
}

test_fail_more_tags_required if {
	rule.findings == {{
		"message": "5 version tag(s) among 6 tag(s) in the repository; at least 10 expected: tag releases with a version such as v1.2.0 or 2025.03",
		"evidence": {"version_tags": 5, "tags": 6, "scheme": "semver", "min_release_tags": 10, "shallow": false},
	}} with input as {"history": history(released), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"min_release_tags": 10})
}

test_fail_insufficient_no_git if {
	rule.findings == {{
		"message": "No git history, so release tags cannot be read; run dpgcheck in a git clone",
		"evidence": {"reason": "no-git"},
		"outcome": "insufficient_evidence",
	}} with input as {"history": {"available": false, "reason": "no-git", "shallow": false}, "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_mixed_scheme_below_the_configured_share if {
	mixed := {"count": 6, "version_tags": 5, "schemes": {"semver": 4, "calver": 1, "numeric": 0, "other": 1}, "latest_version_tag": {"name": "v2.3.0", "time": "2026-06-30T10:00:00Z"}}
	rule.findings == {{
		"message": "5 version tag(s) among 6 tag(s) in the repository; at least 10 expected: tag releases with a version such as v1.2.0 or 2025.03",
		"evidence": {"version_tags": 5, "tags": 6, "scheme": "semver", "min_release_tags": 10, "shallow": false},
	}} with input as {"history": history(mixed), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"min_release_tags": 10})
	rule.findings == {{
		"message": "5 version tag(s) among 6 tag(s) in the repository; at least 10 expected: tag releases with a version such as v1.2.0 or 2025.03",
		"evidence": {"version_tags": 5, "tags": 6, "scheme": "mixed", "min_release_tags": 10, "shallow": false},
	}} with input as {"history": history(mixed), "options": {"now": "2026-11-25T00:00:00Z"}}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"min_release_tags": 10, "tag_scheme_min_share": 0.9})
}

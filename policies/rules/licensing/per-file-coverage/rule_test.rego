package dpgcheck.rules.licensing["per-file-coverage_test"]

import data.dpgcheck.rules.licensing["per-file-coverage"] as rule

reuse(covered, both, no_licence, no_copyright) := {"reuse": {
	"dep5": true,
	"covered_files": covered,
	"with_both": both,
	"missing_licensing": {"count": count(no_licence), "paths": no_licence},
	"missing_copyright": {"count": count(no_copyright), "paths": no_copyright},
}}

test_fail_some_files_without_headers if {
	rule.findings == {{
		"message": "3 of 4 files (75%) carry both a copyright notice and licence information; the threshold is 100%: 1 lack a licence, 1 lack a copyright notice",
		"evidence": {
			"covered_files": 4,
			"with_both": 3,
			"coverage_percent": 75,
			"threshold_percent": 100,
			"missing_licensing": {"count": 1, "paths": ["src/b.py"]},
			"missing_copyright": {"count": 1, "paths": ["src/b.py"]},
			"reuse_adopted": true,
		},
	}} with input as reuse(4, 3, ["src/b.py"], ["src/b.py"])
}

test_fail_below_profile_threshold if {
	rule.findings == {{
		"message": "2 of 3 files (66.7%) carry both a copyright notice and licence information; the threshold is 80%: 1 lack a licence, 0 lack a copyright notice",
		"evidence": {
			"covered_files": 3,
			"with_both": 2,
			"coverage_percent": 66.67,
			"threshold_percent": 80,
			"missing_licensing": {"count": 1, "paths": ["a.c"]},
			"missing_copyright": {"count": 0, "paths": []},
			"reuse_adopted": true,
		},
	}} with input as reuse(3, 2, ["a.c"], []) with data.dpgcheck.config.thresholds.per_file_coverage_min as 80
}

test_success_full_coverage if {
	rule.findings == set() with input as reuse(5, 5, [], [])
}

test_success_threshold_met if {
	rule.findings == set() with input as reuse(4, 3, ["x"], []) with data.dpgcheck.config.thresholds.per_file_coverage_min as 75
}

test_not_applicable_without_covered_files if {
	rule.not_applicable with input as reuse(0, 0, [], [])
	rule.findings == set() with input as reuse(0, 0, [], [])
}

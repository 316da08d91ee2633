package dpgcheck.rules.facts["collection-problems_test"]

import data.dpgcheck.rules.facts["collection-problems"] as rule

test_fail_symlink_outside_is_reported_with_its_path if {
	rule.findings == {{
		"message": "repository: symbolic link points outside the repository; not followed",
		"evidence": {"source": "repository", "code": "symlink-outside"},
		"location": {"path": "docs/passwd"},
	}} with input as {"problems": [{
		"source": "repository", "code": "symlink-outside",
		"message": "symbolic link points outside the repository; not followed", "path": "docs/passwd",
	}]}
}

test_fail_problem_without_path_has_no_location if {
	rule.findings == {{
		"message": "repository: git is not installed; listed files by walking the directory",
		"evidence": {"source": "repository", "code": "git-missing"},
	}} with input as {"problems": [{
		"source": "repository", "code": "git-missing",
		"message": "git is not installed; listed files by walking the directory",
	}]}
}

test_success_no_problems if {
	rule.findings == set() with input as {"problems": []}
}

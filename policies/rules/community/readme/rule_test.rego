package dpgcheck.rules.community["readme_test"]

import data.dpgcheck.rules.community["readme"] as rule

test_fail_missing if {
	rule.findings == {{
		"message": "No README found: add README.md at the repository root so a newcomer can learn what the project does and how to run it",
		"evidence": {"suggested_path": "README.md", "searched": ["root", ".github", "docs", "doc"]},
	}} with input as {"files": {"inventory": {"readme": []}}}
}

test_success_present_in_github_directory if {
	rule.findings == set() with input as {"files": {"inventory": {"readme": [{"path": ".github/README.md", "location": ".github", "size": 812}]}}}
}

test_fail_empty_readme if {
	rule.findings == {{
		"message": "README.md is empty: describe what the project does and how to install and run it",
		"evidence": {"empty": ["README.md"]},
		"location": {"path": "README.md"},
	}} with input as {"files": {"inventory": {"readme": [{"path": "README.md", "location": "root", "size": 0}]}}}
}

package dpgcheck.rules.community["contributing-guide_test"]

import data.dpgcheck.rules.community["contributing-guide"] as rule

test_fail_missing if {
	rule.findings == {{
		"message": "No contribution guide found: add CONTRIBUTING.md so others know how to propose changes and how they are reviewed",
		"evidence": {"suggested_path": "CONTRIBUTING.md", "searched": ["root", ".github", "docs", "doc"]},
	}} with input as {"files": {"inventory": {"contributing": []}}}
}

test_success_present_in_github_directory if {
	rule.findings == set() with input as {"files": {"inventory": {"contributing": [{"path": ".github/CONTRIBUTING.md", "location": ".github", "size": 812}]}}}
}

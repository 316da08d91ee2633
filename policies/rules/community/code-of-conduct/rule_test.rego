package dpgcheck.rules.community["code-of-conduct_test"]

import data.dpgcheck.rules.community["code-of-conduct"] as rule

test_fail_missing if {
	rule.findings == {{
		"message": "No code of conduct found: add CODE_OF_CONDUCT.md saying how participants must behave and how incidents are reported",
		"evidence": {"suggested_path": "CODE_OF_CONDUCT.md", "searched": ["root", ".github", "docs", "doc"]},
	}} with input as {"files": {"inventory": {"code_of_conduct": []}}}
}

test_success_present_in_github_directory if {
	rule.findings == set() with input as {"files": {"inventory": {"code_of_conduct": [{"path": ".github/CODE_OF_CONDUCT.md", "location": ".github", "size": 812}]}}}
}

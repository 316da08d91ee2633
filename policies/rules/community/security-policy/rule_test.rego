package dpgcheck.rules.community["security-policy_test"]

import data.dpgcheck.rules.community["security-policy"] as rule

test_fail_missing if {
	rule.findings == {{
		"message": "No security policy found: add SECURITY.md with a private way to report vulnerabilities and the expected response time",
		"evidence": {"suggested_path": "SECURITY.md", "searched": ["root", ".github", "docs", "doc"]},
	}} with input as {"files": {"inventory": {"security_policy": []}}}
}

test_success_present_in_github_directory if {
	rule.findings == set() with input as {"files": {"inventory": {"security_policy": [{"path": ".github/SECURITY.md", "location": ".github", "size": 812}]}}}
}

package dpgcheck.rules.de_security["de.security-md-at-root_test"]

import data.dpgcheck.rules.de_security["de.security-md-at-root"] as rule

test_fail_security_policy_only_in_github_folder if {
	rule.findings == {{
		"message": "No SECURITY.md at the repository root, as openCode's security badge asks",
		"evidence": {"found_elsewhere": [".github/SECURITY.md"]},
	}} with input as {"files": {"inventory": {"security_policy": [{"location": ".github", "path": ".github/SECURITY.md", "size": 10}]}}}
}

test_fail_no_security_policy if {
	rule.findings == {{
		"message": "No SECURITY.md at the repository root, as openCode's security badge asks",
		"evidence": {"found_elsewhere": []},
	}} with input as {"files": {"inventory": {"security_policy": []}}}
}

test_success_security_policy_at_root if {
	rule.findings == set() with input as {"files": {"inventory": {"security_policy": [{"location": "root", "path": "SECURITY.md", "size": 10}]}}}
}

package dpgcheck.rules.security["dependency-update-tool_test"]

import data.dpgcheck.rules.security["dependency-update-tool"] as rule

test_fail_none if {
	rule.findings == {{
		"message": "No dependency-update tool is configured: add .github/dependabot.yml or renovate.json so that updates and security fixes are proposed automatically",
		"evidence": {"suggested_path": ".github/dependabot.yml", "looked_for": ["dependabot", "renovate", "pyup", "scala-steward"]},
	}} with input as {"security": {"dependency_update_tools": []}}
}

test_success_renovate if {
	rule.findings == set() with input as {"security": {"dependency_update_tools": [{"path": "renovate.json", "tool": "renovate"}]}}
}

test_success_record_without_security_facts if {
	rule.findings == set() with input as {"subject": {"kind": "record"}}
}

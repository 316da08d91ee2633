# METADATA
# title: A security policy is present
# description: |
#   A security policy tells people how to report a vulnerability privately and
#   what response to expect. Without one, reports arrive in public issue
#   trackers before a fix exists. OpenSSF Scorecard's Security-Policy check
#   looks for the same file.
# related_resources:
#   - description: OpenSSF Scorecard Security-Policy check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#security-policy
# custom:
#   severity: warning
#   remediation: |
#     Add SECURITY.md (at the root, in .github/ or in docs/) giving a private
#     channel for vulnerability reports and the time in which you will respond.
package dpgcheck.rules.community["security-policy"]

import data.dpgcheck.lib.result

findings contains finding if {
	count(input.files.inventory.security_policy) == 0
	finding := result.fail(
		"No security policy found: add SECURITY.md with a private way to report vulnerabilities and the expected response time",
		{"suggested_path": "SECURITY.md", "searched": ["root", ".github", "docs", "doc"]},
	)
}

# METADATA
# title: A dependency-update tool is configured
# description: |
#   Known vulnerabilities are fixed upstream long before many projects take
#   the fix; a bot that proposes updates (Dependabot, Renovate, PyUp, Scala
#   Steward) shortens that gap and also keeps hash pins current. Looks for the
#   tools' configuration files (.github/dependabot.yml, renovate.json and its
#   variants, .pyup.yml, .scala-steward.conf). Follows OpenSSF Scorecard's
#   Dependency-Update-Tool check; like Scorecard, it cannot see whether the
#   tool actually runs (a GitHub app enabled without a file is not seen).
# related_resources:
#   - description: OpenSSF Scorecard Dependency-Update-Tool check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#dependency-update-tool
# custom:
#   severity: warning
#   principle: security
#   scorecard_check: Dependency-Update-Tool
#   remediation: |
#     Add .github/dependabot.yml listing your package ecosystems (and
#     github-actions), or a renovate.json; see the tool's documentation.
#   profiles: [security-posture]
package dpgcheck.rules.security["dependency-update-tool"]

import data.dpgcheck.lib.result

findings contains finding if {
	input.security
	count(object.get(input.security, "dependency_update_tools", [])) == 0
	finding := result.fail(
		"No dependency-update tool is configured: add .github/dependabot.yml or renovate.json so that updates and security fixes are proposed automatically",
		{"suggested_path": ".github/dependabot.yml", "looked_for": ["dependabot", "renovate", "pyup", "scala-steward"]},
	)
}

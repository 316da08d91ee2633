# METADATA
# title: SECURITY.md at the repository root (openCode security badge)
# description: |
#   openCode's security badge (level 1) asks for a SECURITY.md at the root of the
#   repository. The base rule security-policy also accepts one in .github/ or docs/;
#   this rule is stricter, as the badge is.
# related_resources:
#   - description: openCode badges (opencode.de), security, level 1
#     ref: https://opencode.de
# custom:
#   severity: error
#   remediation: Move or add SECURITY.md at the repository root.
#   profiles: [de-opencode]
package dpgcheck.rules.de_security["de.security-md-at-root"]

import data.dpgcheck.lib.result

_root_files := [f.path | some f in input.files.inventory.security_policy; f.location == "root"]

_elsewhere := [f.path | some f in input.files.inventory.security_policy; f.location != "root"]

findings contains finding if {
	count(_root_files) == 0
	finding := result.fail(
		"No SECURITY.md at the repository root, as openCode's security badge asks",
		{"found_elsewhere": _elsewhere},
	)
}

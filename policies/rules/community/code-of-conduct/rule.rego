# METADATA
# title: A code of conduct is present
# description: |
#   A code of conduct states how participants must behave and how harassment
#   and abuse are reported and handled. DPG Standard indicator 9c asks
#   solutions that enable interaction between users or contributors to protect
#   them from harassment; a code of conduct with an enforcement process is the
#   usual evidence.
# related_resources:
#   - description: DPG Standard, indicator 9c (protection from harassment)
#     ref: https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md
# custom:
#   severity: warning
#   remediation: |
#     Add CODE_OF_CONDUCT.md (at the root, in .github/ or in docs/), for example
#     the Contributor Covenant, and name how and to whom incidents are reported.
package dpgcheck.rules.community["code-of-conduct"]

import data.dpgcheck.lib.result

findings contains finding if {
	count(input.files.inventory.code_of_conduct) == 0
	finding := result.fail(
		"No code of conduct found: add CODE_OF_CONDUCT.md saying how participants must behave and how incidents are reported",
		{"suggested_path": "CODE_OF_CONDUCT.md", "searched": ["root", ".github", "docs", "doc"]},
	)
}

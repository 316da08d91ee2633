# METADATA
# title: A README is present
# description: |
#   A README is the front door of a project: it says what the software does,
#   who it is for and how to install and run it. The DPG Standard asks for
#   documentation that lets a newcomer launch the solution (indicator 5).
# related_resources:
#   - description: DPG Standard, indicator 5 (documentation)
#     ref: https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md
# custom:
#   severity: error
#   indicator: "5"
#   remediation: |
#     Add README.md at the repository root describing the purpose of the project,
#     how to install and run it, and where to find further documentation.
package dpgcheck.rules.community["readme"]

import data.dpgcheck.lib.result

# An empty README tells a newcomer nothing.
findings contains finding if {
	count(input.files.inventory.readme) > 0
	every f in input.files.inventory.readme {
		f.size == 0
	}
	paths := sort([f.path | some f in input.files.inventory.readme])
	finding := result.fail_at(
		sprintf("%s is empty: describe what the project does and how to install and run it", [concat(", ", paths)]),
		{"empty": paths},
		{"path": paths[0]},
	)
}

findings contains finding if {
	count(input.files.inventory.readme) == 0
	finding := result.fail(
		"No README found: add README.md at the repository root so a newcomer can learn what the project does and how to run it",
		{"suggested_path": "README.md", "searched": ["root", ".github", "docs", "doc"]},
	)
}

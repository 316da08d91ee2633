# METADATA
# title: A contribution guide is present
# description: |
#   A contribution guide tells outsiders how to propose changes, how review
#   works and what is expected of them. Jointly governed software needs it so
#   that contributors from several organisations can take part on equal terms.
# related_resources:
#   - description: GitHub documentation on contribution guidelines
#     ref: https://docs.github.com/en/communities/setting-up-your-project-for-healthy-contributions/setting-guidelines-for-repository-contributors
# custom:
#   severity: warning
#   remediation: |
#     Add CONTRIBUTING.md (at the root, in .github/ or in docs/) explaining how
#     to report issues, propose changes, and how changes are reviewed and
#     accepted.
package dpgcheck.rules.community["contributing-guide"]

import data.dpgcheck.lib.result

findings contains finding if {
	count(input.files.inventory.contributing) == 0
	finding := result.fail(
		"No contribution guide found: add CONTRIBUTING.md so others know how to propose changes and how they are reviewed",
		{"suggested_path": "CONTRIBUTING.md", "searched": ["root", ".github", "docs", "doc"]},
	)
}

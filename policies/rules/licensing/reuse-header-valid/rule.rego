# METADATA
# title: SPDX-License-Identifier values are valid expressions
# description: |
#   A file whose SPDX-License-Identifier header (or .license sidecar, REUSE.toml
#   or dep5 entry) does not hold a valid SPDX licence expression counts as having
#   no licence information at all: a typo, a trailing comment marker the REUSE
#   rules do not strip, or prose after the tag. The facts list up to 100 such
#   values. The rule applies to repositories that follow REUSE (by default LICENSES/,
#   REUSE.toml or .reuse/dep5; thresholds reuse_adoption_signals): elsewhere tag-like text is usually code or tests
#   that talk about the tags.
# related_resources:
#   - description: REUSE specification 3.3, comment headers
#     ref: https://reuse.software/spec-3.3/#comment-headers
#   - description: SPDX license expressions (SPDX 2.3, Annex D)
#     ref: https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/
# custom:
#   severity: warning
#   principle: licensing
#   profiles: [sustainable-use]
#   remediation: |
#     Write one SPDX expression after the tag, alone on its line apart from the
#     comment markers, e.g. `# SPDX-License-Identifier: MIT OR Apache-2.0`.
package dpgcheck.rules.licensing["reuse-header-valid"]

import data.dpgcheck.lib.result
import data.dpgcheck.lib.reuse

not_applicable if not reuse.adopted

findings contains finding if {
	reuse.adopted
	some entry in input.reuse.invalid_expressions
	finding := result.fail_at(
		sprintf("%s: %q (%s) is not a valid SPDX licence expression, so the file counts as unlicensed", [entry.path, entry.expression, entry.source]),
		{"expression": entry.expression, "source": entry.source},
		{"path": entry.path},
	)
}

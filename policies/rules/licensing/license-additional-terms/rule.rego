# METADATA
# title: Licence texts carry no additional terms
# description: |
#   A licence file that holds a standard licence plus extra terms (appended,
#   prepended or inserted into the text, such as "may not be used for military
#   purposes" or a Commons Clause) is no longer that licence: the extra terms may
#   make it non-open, and tools that see only the licence id miss them. The rule
#   reports the licence recognised and the extra text so a person can judge it.
#   GPL section 7 additional permissions are reported too; they are usually fine
#   but should be stated as an SPDX exception (WITH ...).
# related_resources:
#   - description: Open Source Definition (no discrimination against persons, groups or fields of endeavour)
#     ref: https://opensource.org/osd
#   - description: SPDX license expressions, WITH exceptions
#     ref: https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/
# custom:
#   severity: warning
#   principle: licensing
#   profiles: [joint-governance, procurement-minimum, sustainable-use]
#   remediation: |
#     Remove the extra terms so the file holds the licence as published, or, if
#     they are intended, name the result honestly: an SPDX exception
#     (Apache-2.0 WITH LLVM-exception), or a LicenseRef-<name> with its own text
#     in LICENSES/. Restrictions on who may use the software or for what make it
#     non-open.
package dpgcheck.rules.licensing["license-additional-terms"]

import data.dpgcheck.lib.result

findings contains finding if {
	some t in object.get(input, ["licenses", "detected"], [])
	t.match == "with_additional_terms"
	extra := t.additional_terms
	finding := result.fail_at(
		sprintf("%s holds %s with additional terms (%d words %s): %q", [t.path, t.spdx_id, extra.words, extra.position, extra.excerpt]),
		{"spdx_id": t.spdx_id, "position": extra.position, "words": extra.words, "excerpt": extra.excerpt, "confidence": t.confidence},
		{"path": t.path},
	)
}

# METADATA
# title: Declared licences use current SPDX ids
# description: |
#   SPDX deprecated ids such as GPL-2.0, GPL-3.0+, LGPL-2.1 or wxWindows because
#   they were ambiguous (does "GPL-2.0" allow later versions?). A declaration
#   that uses one still parses, and dpgcheck reads it as its current form, but
#   other tools may not: write the current id so everyone reads the same licence.
# related_resources:
#   - description: SPDX License List, deprecated licence identifiers
#     ref: https://spdx.org/licenses/#deprecated
#   - description: SPDX FAQ on the GNU -only and -or-later identifiers
#     ref: https://spdx.dev/learn/handling-license-info/
# custom:
#   severity: warning
#   principle: licensing
#   profiles: [joint-governance]
#   remediation: |
#     Replace the deprecated id with its current form: GPL-2.0 becomes
#     GPL-2.0-only (or GPL-2.0-or-later when later versions are allowed),
#     GPL-2.0+ becomes GPL-2.0-or-later, wxWindows becomes
#     LGPL-2.0-or-later WITH WxWindows-exception-3.1.
package dpgcheck.rules.licensing["deprecated-license-id"]

import data.dpgcheck.lib.result

findings contains finding if {
	some d in object.get(input, ["licenses", "declared"], [])
	d.analysis != null
	some old in d.analysis.deprecated
	finding := result.fail_at(
		sprintf("%s (%s): %s is a deprecated SPDX id; write %s", [d.path, d.field, old.id, _advice(old)]),
		{"source": d.source, "field": d.field, "deprecated": old.id, "replacement": old.replacement},
		{"path": d.path},
	)
}

# A bare GNU id ("GPL-2.0") does not say whether later versions are allowed.
_advice(old) := sprintf("%s, or %s-or-later if later versions are allowed", [old.replacement, trim_suffix(old.replacement, "-only")]) if {
	endswith(old.replacement, "-only")
	not endswith(old.id, "-only")
} else := old.replacement

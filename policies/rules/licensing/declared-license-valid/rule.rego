# METADATA
# title: Declared licences are valid SPDX expressions
# description: |
#   Package metadata, publiccode.yml and the DPG record should state the licence
#   as an SPDX expression (for example "Apache-2.0" or "MIT OR GPL-3.0-or-later")
#   so that people and tools read it the same way. This rule reports expressions
#   that do not parse, ids that are not on the SPDX licence list, and licence
#   names that dpgcheck cannot map to an SPDX id.
# related_resources:
#   - description: SPDX License List
#     ref: https://spdx.org/licenses/
#   - description: SPDX specification, Annex D (license expressions)
#     ref: https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/
#   - description: PEP 639 (licence expressions in Python package metadata)
#     ref: https://peps.python.org/pep-0639/
# custom:
#   severity: error
#   principle: licensing
#   profiles: [joint-governance, procurement-minimum, sustainable-use]
#   remediation: |
#     Write the licence with its exact SPDX id or an SPDX expression, e.g.
#     license = "Apache-2.0" in pyproject.toml, "license": "MIT" in package.json,
#     legal.license: EUPL-1.2 in publiccode.yml. For a licence not on the SPDX list,
#     use LicenseRef-<name> and ship its text in LICENSES/LicenseRef-<name>.txt.
package dpgcheck.rules.licensing["declared-license-valid"]

import data.dpgcheck.lib.result

_declared := object.get(input, ["licenses", "declared"], [])

findings contains finding if {
	some d in _declared
	d.analysis != null
	d.analysis.error != null
	finding := result.fail_at(
		sprintf("%s (%s): %q is not a valid SPDX licence expression (%s)", [d.path, d.field, d.value, d.analysis.error]),
		{"source": d.source, "field": d.field, "value": d.value, "problem": "invalid-expression"},
		{"path": d.path},
	)
}

findings contains finding if {
	some d in _declared
	d.analysis != null
	d.analysis.error == null
	count(d.analysis.unknown) > 0
	finding := result.fail_at(
		sprintf("%s (%s): %s not on the SPDX licence list; use the exact id from https://spdx.org/licenses/ or LicenseRef-<name>", [d.path, d.field, _unknown_text(d.analysis.unknown)]),
		{"source": d.source, "field": d.field, "value": d.value, "unknown": d.analysis.unknown, "problem": "unknown-id"},
		{"path": d.path},
	)
}

findings contains finding if {
	some d in _declared
	d.kind == "name"
	d.expression == null
	not _stated_elsewhere_in(d.path)
	finding := result.insufficient_evidence_at(
		sprintf("%s (%s): the licence name %q does not identify one SPDX licence; state the licence as an SPDX expression", [d.path, d.field, d.value]),
		{"source": d.source, "field": d.field, "value": d.value, "problem": "unmapped-name"},
		{"path": d.path},
	)
}

# A file that also states an SPDX expression (pyproject.toml's project.license next to a
# vague "BSD License" classifier) has said what it means.
_stated_elsewhere_in(path) if {
	some other in _declared
	other.path == path
	other.expression != null
}

_unknown_text(ids) := sprintf("%q is", [ids[0]]) if count(ids) == 1
else := sprintf("%s are", [concat(", ", [sprintf("%q", [i]) | some i in ids])])

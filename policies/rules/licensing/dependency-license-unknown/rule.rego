# METADATA
# title: Every dependency in the SBOM has a known licence
# description: |
#   A dependency whose licence is NOASSERTION, NONE or absent (in both
#   licenseConcluded and licenseDeclared), or whose licence value is not a valid
#   SPDX expression of known licence ids (free text such as "SEE LICENSE IN
#   LICENSE.md", an unknown id, or a custom LicenseRef-), cannot be checked for
#   openness or compatibility: somebody has to look at it. The licence of a
#   package is its concluded licence when that is an expression, else its
#   declared licence. One finding per SBOM for unlicensed packages and one per
#   unknown licence value, with the number of packages and examples.
# related_resources:
#   - description: SPDX 2.3, package licence fields (7.13 concluded, 7.15 declared)
#     ref: https://spdx.github.io/spdx-spec/v2.3/package-information/
#   - description: ORT evaluator rules UNKNOWN_IN_DEPENDENCY / NO_LICENSE_IN_DEPENDENCY
#     ref: https://github.com/oss-review-toolkit/ort-config/blob/main/evaluator.rules.kts
# custom:
#   severity: warning
#   principle: licensing
#   profiles: [sustainable-use, procurement-minimum]
#   remediation: |
#     Find the licence of each package named in the finding (its repository or
#     registry page), then fix it upstream or record it in the SBOM as
#     licenseConcluded with an SPDX expression; for a licence that is not on the
#     SPDX list, add a LicenseRef- entry with its text to hasExtractedLicensingInfos
#     and, when it is open, to the policy bundle's licence data.
package dpgcheck.rules.licensing["dependency-license-unknown"]

import data.dpgcheck.lib.licenses
import data.dpgcheck.lib.result

_documents := [d | some d in input.sbom.documents; d.readable]

not_applicable if count(_documents) == 0

findings contains finding if {
	some document in _documents
	missing := document.packages_missing.license
	missing.count > 0
	values := document.license_values.effective
	finding := object.union(
		result.fail(
			sprintf("%s: %d of %d packages have no licence (NOASSERTION %d, NONE %d, absent %d), e.g. %s", [
				document.path, missing.count, document.counts.packages, values.noassertion, values.none, values.absent,
				concat(", ", array.slice(missing.examples, 0, 3)),
			]),
			{"reason": "no-licence", "packages": missing.count, "examples": missing.examples, "noassertion": values.noassertion, "none": values.none, "absent": values.absent},
		),
		_location(document),
	)
}

findings contains finding if {
	some document in _documents
	some row in document.licenses
	row.effective > 0
	reason := _unknown_reason(row.analysis)
	finding := object.union(
		result.fail(
			sprintf("%s: %d packages are under %q, %s, e.g. %s", [
				document.path, row.effective, row.expression, _reason_text[reason], concat(", ", array.slice(row.examples, 0, 3)),
			]),
			{"reason": reason, "expression": row.expression, "packages": row.effective, "examples": row.examples, "unknown_ids": _unknown_ids(row.analysis)},
		),
		_location(document),
	)
}

_reason_text := {
	"invalid-expression": "which is not an SPDX licence expression",
	"unknown-id": "which names licences that are not on the SPDX list",
	"license-ref": "a custom licence (LicenseRef-) the policy data does not know",
}

_unknown_reason(analysis) := "invalid-expression" if {
	not analysis.valid
	count(analysis.unknown) == 0
} else := "unknown-id" if {
	count(_unknown_ids(analysis)) > 0
} else := "license-ref" if {
	some id in analysis.license_refs
	not licenses.known(id)
}

_unknown_ids(analysis) := sort({id | some id in analysis.ids; not licenses.known(id); not licenses.license_ref(id)} | {id | some id in analysis.unknown; not licenses.license_ref(id)})

_location(document) := {"location": {"path": document.path}} if document.origin == "repository"

else := {}

# METADATA
# title: Dependencies in the SBOM are under open licences
# description: |
#   Software that depends on components under non-open licences (source-available
#   licences such as BUSL-1.1 or SSPL-1.0, non-commercial or proprietary terms)
#   cannot be reused, adapted and redistributed freely, whatever its own licence
#   says. A licence counts as open when it is OSI-approved, FSF-libre or an open
#   content/data licence (data.dpgcheck.licenses.spdx); for a choice (OR), one
#   all-open alternative is enough. Unknown and custom licences are reported by
#   dependency-license-unknown instead. One finding per SBOM and licence value.
# related_resources:
#   - description: DPG Standard, indicator 2 (use of approved open licenses)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/main/standard.md
#   - description: OSI-approved licences
#     ref: https://opensource.org/licenses
# custom:
#   severity: warning
#   principle: licensing
#   profiles: [sustainable-use, procurement-minimum]
#   remediation: |
#     Replace the dependencies named in the finding with openly licensed
#     alternatives, or obtain them under an open licence (many projects offer
#     one on request); if the SBOM records the wrong licence, correct its
#     licenseConcluded.
package dpgcheck.rules.licensing["dependency-license-not-open"]

import data.dpgcheck.lib.licenses
import data.dpgcheck.lib.result

_documents := [d | some d in input.sbom.documents; d.readable]

not_applicable if count(_documents) == 0

findings contains finding if {
	some document in _documents
	some row in document.licenses
	row.effective > 0
	_judgeable(row.analysis)
	not licenses.expression_open(row.analysis)
	not_open := sort(licenses.not_open_ids(row.analysis))
	finding := object.union(
		result.fail(
			sprintf("%s: %d packages are under %s, which is not an open licence (%s not OSI-approved, FSF-libre or open data), e.g. %s", [
				document.path, row.effective, row.analysis.normalized, concat(", ", not_open), concat(", ", array.slice(row.examples, 0, 3)),
			]),
			{"expression": row.analysis.normalized, "not_open": not_open, "packages": row.effective, "examples": row.examples},
		),
		_location(document),
	)
}

# Only expressions made of ids the licence data knows; the rest is "unknown".
_judgeable(analysis) if {
	analysis.valid
	count(analysis.ids) > 0
	every id in analysis.ids {
		licenses.known(id)
	}
}

_location(document) := {"location": {"path": document.path}} if document.origin == "repository"

else := {}

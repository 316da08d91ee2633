# METADATA
# title: "Indicator 6: non-personal data and content can be extracted"
# description: |
#   Applies when the solution collects, uses or generates data or content that
#   is not personally identifiable. Then that data and content must be
#   exportable from the system, and importable into it, in a non-proprietary
#   format (CSV, JSON, XML, an open API ...), so that users are never locked
#   in. When the record says there is no such data, the indicator does not
#   apply; when it does not say, the evidence is insufficient.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 6 (mechanism for extracting data and content)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
# custom:
#   severity: info
#   indicator: "6"
#   profiles: [dpg-standard]
#   remediation: |
#     Answer NonPII.collectsNonPII. If "Yes", provide an export and import path
#     in an open format (CSV, JSON, XML or a documented API), set
#     checkNonPIIAccessMechanism to "Yes" and describe it in
#     nonPIIAccessMechanism.
package dpgcheck.rules.dpg["dpg-data-extraction"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the screening answers (data.dpgcheck.lib.dpg).
findings contains dpg.on_screening_answers(finding) if some finding in _reported

_answers := object.get(input, ["dpg", "screening", "non_pii"], {})

_collects := object.get(_answers, "collects", "missing")

_extraction := object.get(_answers, "extraction", "missing")

_described := object.get(_answers, "mechanism", false)

_evidence := {"collects_non_pii": _collects, "extraction": _extraction, "mechanism": _described}

not_applicable if _collects == "no"

_reported contains finding if {
	dpg.unclear_answers[_collects]
	finding := result.insufficient_evidence(
		sprintf("Indicator 6 (data extraction): whether the solution collects, uses or generates non-personal data or content is %s (NonPII.collectsNonPII)", [dpg.unclear_answers[_collects]]),
		_evidence,
	)
}

_reported contains finding if {
	_collects == "yes"
	_extraction == "no"
	finding := result.fail(
		"Indicator 6 (data extraction): the solution holds non-personal data or content, and the record says it cannot be extracted or imported in a non-proprietary format (NonPII.checkNonPIIAccessMechanism: No)",
		_evidence,
	)
}

_reported contains finding if {
	_collects == "yes"
	dpg.unclear_answers[_extraction]
	finding := result.insufficient_evidence(
		sprintf("Indicator 6 (data extraction): the solution holds non-personal data or content, and a way to extract or import it in a non-proprietary format is %s (NonPII.checkNonPIIAccessMechanism)", [dpg.unclear_answers[_extraction]]),
		_evidence,
	)
}

_reported contains finding if {
	_collects == "yes"
	_extraction == "yes"
	not _described
	finding := result.insufficient_evidence(
		"Indicator 6 (data extraction): an extraction mechanism is claimed but not described (NonPII.nonPIIAccessMechanism is empty)",
		_evidence,
	)
}

# METADATA
# title: "Indicator 8: standards and best practices"
# description: |
#   The solution follows relevant open standards, best practices or principles
#   (the Standard says "and/or": one of them, shown, is enough). The record
#   must answer Yes to supporting standards and list them, or answer Yes to
#   following best practices and list those. Two No answers fail; otherwise a
#   missing list or an Unknown answer is not enough evidence.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 8 (adherence to standards and best practices)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
# custom:
#   severity: info
#   indicator: "8"
#   profiles: [dpg-standard]
#   remediation: |
#     List the open standards the solution implements (standards.standardsList,
#     with validator or test-suite links in evidenceStandardSupport) and set
#     supportStandards to "Yes", and/or list the best practices and principles
#     it follows (bestPracticesList) with implementBestPractices "Yes".
package dpgcheck.rules.dpg["dpg-standards-best-practices"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the screening answers (data.dpgcheck.lib.dpg).
findings contains dpg.on_screening_answers(finding) if some finding in _reported

_answers := object.get(input, ["dpg", "screening", "standards"], {})

_supports := object.get(_answers, "supports", "missing")

_standards := object.get(_answers, "standards", 0)

_practices := object.get(_answers, "best_practices", "missing")

_practices_listed := object.get(_answers, "best_practices_list", 0)

_evidence := {"supports_standards": _supports, "standards": _standards, "best_practices": _practices, "best_practices_listed": _practices_listed}

_shown_answer := {"yes": "Yes", "no": "No", "unknown": "Unknown", "missing": "not answered", "other": "neither Yes nor No"}

_shown_standards if {
	_supports == "yes"
	_standards > 0
}

_shown_practices if {
	_practices == "yes"
	_practices_listed > 0
}

_reported contains finding if {
	_supports == "no"
	_practices == "no"
	finding := result.fail(
		"Indicator 8 (standards and best practices): the record says the solution supports no standard and follows no best practice (standards.supportStandards: No, implementBestPractices: No)",
		_evidence,
	)
}

_reported contains finding if {
	not _shown_standards
	not _shown_practices
	not _both_no
	finding := result.insufficient_evidence(
		sprintf("Indicator 8 (standards and best practices): neither supported standards nor followed best practices are shown (supportStandards: %s with %d listed; implementBestPractices: %s with %d listed)", [_shown_answer[_supports], _standards, _shown_answer[_practices], _practices_listed]),
		_evidence,
	)
}

_both_no if {
	_supports == "no"
	_practices == "no"
}

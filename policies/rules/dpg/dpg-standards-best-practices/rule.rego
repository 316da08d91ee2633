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
findings contains dpg.on_screening_answers(finding) if some finding in reported

answers := object.get(input, ["dpg", "screening", "standards"], {})

supports := object.get(answers, "supports", "missing")

standards := object.get(answers, "standards", 0)

practices := object.get(answers, "best_practices", "missing")

practices_listed := object.get(answers, "best_practices_list", 0)

evidence := {"supports_standards": supports, "standards": standards, "best_practices": practices, "best_practices_listed": practices_listed}

shown_answer := {"yes": "Yes", "no": "No", "unknown": "Unknown", "missing": "not answered", "other": "neither Yes nor No"}

shown_standards if {
	supports == "yes"
	standards > 0
}

shown_practices if {
	practices == "yes"
	practices_listed > 0
}

reported contains finding if {
	supports == "no"
	practices == "no"
	finding := result.fail(
		"Indicator 8 (standards and best practices): the record says the solution supports no standard and follows no best practice (standards.supportStandards: No, implementBestPractices: No)",
		evidence,
	)
}

reported contains finding if {
	not shown_standards
	not shown_practices
	not both_no
	finding := result.insufficient_evidence(
		sprintf("Indicator 8 (standards and best practices): neither supported standards nor followed best practices are shown (supportStandards: %s with %d listed; implementBestPractices: %s with %d listed)", [shown_answer[supports], standards, shown_answer[practices], practices_listed]),
		evidence,
	)
}

both_no if {
	supports == "no"
	practices == "no"
}

# METADATA
# title: "Indicator 7: privacy and applicable laws"
# description: |
#   The solution is designed and built to comply with privacy law and the
#   other laws that apply where it is developed and used (for example the
#   GDPR, national data-protection acts, accessibility law). The record must
#   say Yes and name the laws it complies with; in a repository, a privacy
#   policy file is direct evidence. No fails; Unknown or no answer, with no
#   privacy policy, is not enough evidence.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 7 (adherence to privacy and applicable laws)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
# custom:
#   severity: info
#   indicator: "7"
#   profiles: [dpg-standard]
#   remediation: |
#     Identify the privacy and other laws that apply (where the solution is built
#     and deployed), take and document the steps to comply (a privacy policy,
#     terms of service), then set privacy.isPrivacyCompliant to "Yes", list the
#     laws in privacyComplianceList and the steps or links in adherenceSteps; in a
#     repository, add PRIVACY.md.
package dpgcheck.rules.dpg["dpg-privacy-laws"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the screening answers (data.dpgcheck.lib.dpg).
findings contains dpg.on_screening_answers(finding) if some finding in _reported

_answers := object.get(input, ["dpg", "screening", "privacy"], {})

_compliant := object.get(_answers, "compliant", "missing")

_laws := object.get(_answers, "laws", 0)

_privacy_policies := [f.path | some f in object.get(input, ["files", "inventory", "privacy_policy"], [])]

_evidence := {"answer": _compliant, "laws": _laws, "privacy_policy": _privacy_policies}

_reported contains finding if {
	_compliant == "no"
	finding := result.fail(
		"Indicator 7 (privacy and applicable laws): the record says the solution has not taken steps to comply with privacy and other applicable laws (privacy.isPrivacyCompliant: No)",
		_evidence,
	)
}

_reported contains finding if {
	dpg.unclear_answers[_compliant]
	count(_privacy_policies) == 0
	finding := result.insufficient_evidence(
		sprintf("Indicator 7 (privacy and applicable laws): compliance with privacy and applicable laws is %s (privacy.isPrivacyCompliant) and no privacy policy file was found", [dpg.unclear_answers[_compliant]]),
		_evidence,
	)
}

_reported contains finding if {
	_compliant == "yes"
	_laws == 0
	count(_privacy_policies) == 0
	finding := result.insufficient_evidence(
		"Indicator 7 (privacy and applicable laws): compliance is claimed but no applicable law is named (privacy.privacyComplianceList is empty) and no privacy policy file was found",
		_evidence,
	)
}

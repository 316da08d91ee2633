# METADATA
# title: "Indicator 9: do no harm by design"
# description: |
#   Overall, the solution is designed to anticipate, prevent and do no harm.
#   The record must answer Yes to the question whether the project takes
#   steps to that end; No fails, Unknown or no answer is not enough evidence.
#   The three conditional parts of indicator 9 (personal data, inappropriate
#   and illegal content, harassment and underage users) are separate rules.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 9 (do no harm by design)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
# custom:
#   severity: info
#   indicator: "9"
#   profiles: [dpg-standard]
#   remediation: |
#     Assess how the solution could cause harm (to privacy, safety, rights),
#     put mechanisms, processes and policies in place to prevent it, then set
#     doNoHarm.preventHarm.stepsToPreventHarm to "Yes" and describe them in
#     additionalInfoMechanismProcessesPolicies.
package dpgcheck.rules.dpg["dpg-do-no-harm"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the screening answers (data.dpgcheck.lib.dpg).
findings contains dpg.on_screening_answers(finding) if some finding in _reported

_steps := object.get(input, ["dpg", "screening", "do_no_harm", "prevent_harm"], "missing")

_evidence := {"answer": _steps, "details": object.get(input, ["dpg", "screening", "do_no_harm", "prevent_harm_details"], false)}

_reported contains finding if {
	_steps == "no"
	finding := result.fail(
		"Indicator 9 (do no harm): the record says the project does not take steps to anticipate, prevent and do no harm by design (doNoHarm.preventHarm.stepsToPreventHarm: No)",
		_evidence,
	)
}

_reported contains finding if {
	dpg.unclear_answers[_steps]
	finding := result.insufficient_evidence(
		sprintf("Indicator 9 (do no harm): whether the project takes steps to anticipate, prevent and do no harm is %s (doNoHarm.preventHarm.stepsToPreventHarm)", [dpg.unclear_answers[_steps]]),
		_evidence,
	)
}

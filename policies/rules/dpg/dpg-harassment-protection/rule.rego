# METADATA
# title: "Indicator 9c: protection from harassment, and underage users"
# description: |
#   Applies when the solution lets users or contributors interact. Then there
#   must be a way for them to protect themselves from grief, abuse and
#   harassment (a code of conduct with an enforcement process, blocking and
#   reporting tools), and systems that look after the safety and security of
#   underage users. The record must answer Yes to both with the steps taken;
#   in a repository, a code of conduct is direct evidence. When the record
#   says there is no interaction, the indicator does not apply; a No fails.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 9c (protection from harassment)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
# custom:
#   severity: info
#   indicator: 9c
#   profiles: [dpg-standard]
#   remediation: |
#     Answer doNoHarm.protectionFromHarassment.userInteraction. If "Yes", adopt a
#     code of conduct with a reporting and enforcement process
#     (CODE_OF_CONDUCT.md; griefAbuseHarassmentProtection "Yes" with
#     harassmentProtectionSteps) and take steps for underage users' safety
#     (addressSafetySecurityUnderageUsers "Yes" with
#     stepsAddressRiskPreventSafetyUnderageUsers).
package dpgcheck.rules.dpg["dpg-harassment-protection"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the screening answers (data.dpgcheck.lib.dpg).
findings contains dpg.on_screening_answers(finding) if some finding in _reported

_answers := object.get(input, ["dpg", "screening", "do_no_harm", "interaction"], {})

_facilitates := object.get(_answers, "facilitates", "missing")

_harassment := object.get(_answers, "harassment_protection", "missing")

_underage := object.get(_answers, "underage_safety", "missing")

_codes_of_conduct := [f.path | some f in object.get(input, ["files", "inventory", "code_of_conduct"], [])]

_evidence := {
	"facilitates_interaction": _facilitates, "harassment_protection": _harassment, "underage_safety": _underage,
	"harassment_steps": object.get(_answers, "harassment_steps", 0), "underage_steps": object.get(_answers, "underage_steps", 0),
	"code_of_conduct": _codes_of_conduct,
}

not_applicable if _facilitates == "no"

# A repository's code of conduct is direct evidence; it never overrides a No.
_evidenced if {
	count(_codes_of_conduct) > 0
	_harassment != "no"
	_underage != "no"
}

_reported contains finding if {
	dpg.unclear_answers[_facilitates]
	not _evidenced
	finding := result.insufficient_evidence(
		sprintf("Indicator 9c (harassment and underage users): whether the solution facilitates interactions between users or contributors is %s (doNoHarm.protectionFromHarassment.userInteraction) and no code of conduct was found", [dpg.unclear_answers[_facilitates]]),
		_evidence,
	)
}

_reported contains finding if {
	_facilitates != "no"
	some part in _parts
	part.answer == "no"
	finding := result.fail(
		sprintf("Indicator 9c (harassment and underage users): the record says there is no %s (%s: No)", [part.what, part.field]),
		_evidence,
	)
}

_reported contains finding if {
	_facilitates == "yes"
	not _evidenced
	some part in _parts
	part.answer != "no"
	not _shown(part)
	finding := result.insufficient_evidence(
		sprintf("Indicator 9c (harassment and underage users): users interact; the %s is %s (%s)", [part.what, _gap(part), part.field]),
		_evidence,
	)
}

_parts := [
	{"what": "protection against grief, abuse and harassment", "field": "griefAbuseHarassmentProtection", "answer": _harassment, "steps": _evidence.harassment_steps},
	{"what": "system to keep underage users safe and secure", "field": "addressSafetySecurityUnderageUsers", "answer": _underage, "steps": _evidence.underage_steps},
]

_shown(part) if {
	part.answer == "yes"
	part.steps > 0
}

_gap(part) := dpg.unclear_answers[part.answer] if dpg.unclear_answers[part.answer]
else := "claimed without the steps taken"

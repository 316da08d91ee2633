# METADATA
# title: "Indicator 4: platform independence"
# description: |
#   Applies when the solution has mandatory dependencies (libraries, services,
#   hardware) that impose more restrictions than its own open licence. Then it
#   must show that it can run without those closed components, or name working
#   open alternatives that replace them without significant changes to the
#   core. When the record says there are no such dependencies, the indicator
#   does not apply; when it does not say, the evidence is insufficient.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 4 (platform independence)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
# custom:
#   severity: info
#   indicator: "4"
#   profiles: [dpg-standard]
#   remediation: |
#     Answer platformIndependence.mandatoryDepsCreateMoreRestrictions. If it is
#     "Yes", replace or make optional each closed component, or document open
#     alternatives that work with minimal configuration; then set
#     isSoftwarePltIndependent to "Yes" and describe them in pltIndependenceDesc.
package dpgcheck.rules.dpg["dpg-platform-independence"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the screening answers (data.dpgcheck.lib.dpg).
findings contains dpg.on_screening_answers(finding) if some finding in _reported

_answers := object.get(input, ["dpg", "screening", "platform_independence"], {})

_restrictive := object.get(_answers, "restrictive_dependencies", "missing")

_independent := object.get(_answers, "independent", "missing")

_described := object.get(_answers, "description", false)

_evidence := {"restrictive_dependencies": _restrictive, "independent": _independent, "description": _described}

not_applicable if _restrictive == "no"

_reported contains finding if {
	dpg.unclear_answers[_restrictive]
	finding := result.insufficient_evidence(
		sprintf("Indicator 4 (platform independence): whether mandatory dependencies are more restrictive than the solution's licence is %s (platformIndependence.mandatoryDepsCreateMoreRestrictions)", [dpg.unclear_answers[_restrictive]]),
		_evidence,
	)
}

_reported contains finding if {
	_restrictive == "yes"
	_independent == "no"
	finding := result.fail(
		"Indicator 4 (platform independence): mandatory dependencies are more restrictive than the solution's licence and the record says there is no independence from them nor an open alternative (isSoftwarePltIndependent: No)",
		_evidence,
	)
}

_reported contains finding if {
	_restrictive == "yes"
	dpg.unclear_answers[_independent]
	finding := result.insufficient_evidence(
		sprintf("Indicator 4 (platform independence): mandatory dependencies are more restrictive than the solution's licence, and independence from them or open alternatives is %s (platformIndependence.isSoftwarePltIndependent)", [dpg.unclear_answers[_independent]]),
		_evidence,
	)
}

_reported contains finding if {
	_restrictive == "yes"
	_independent == "yes"
	not _described
	finding := result.insufficient_evidence(
		"Indicator 4 (platform independence): independence from restrictive dependencies is claimed but not described (platformIndependence.pltIndependenceDesc is empty)",
		_evidence,
	)
}

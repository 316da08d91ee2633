# METADATA
# title: "Indicator 1: relevant to the Sustainable Development Goals"
# description: |
#   The solution names at least one of the 17 UN Sustainable Development Goals
#   it helps advance, and backs every goal it names with evidence: a few
#   sentences linking it to the goal's targets, or a link that shows the link.
#   A goal named without evidence, or no goal at all, is not enough to show
#   relevance; a number outside 1-17 is not a goal.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 1 (relevance to the SDGs)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
#   - description: The 17 Sustainable Development Goals
#     ref: https://sdgs.un.org/goals
# custom:
#   severity: info
#   indicator: "1"
#   profiles: [dpg-standard]
#   remediation: |
#     In the record's SDGs list, give each relevant goal as
#     {"SDGNumber": n, "evidenceText": "...", "evidenceURL": "https://..."} with n
#     from 1 to 17 and at least one of the two evidence fields filled in: say in
#     a sentence or two how the solution advances that goal's targets.
package dpgcheck.rules.dpg["dpg-sdg-relevance"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the nominee record (data.dpgcheck.lib.dpg).
findings contains dpg.on_nominee_record(finding) if some finding in _reported

# The UN's goals are numbered 1 to 17; this is a definition, not a threshold.
_goal(number) if {
	is_number(number)
	number >= 1
	number <= 17
	number == round(number)
}

_reported contains finding if {
	not input.dpg.present
	finding := result.insufficient_evidence(
		"Indicator 1 (SDG relevance): no DPG metadata, so no Sustainable Development Goal is claimed; list the goals in dpg.json",
		{"dpg_metadata": false},
	)
}

_reported contains finding if {
	input.dpg.present
	count(input.dpg.sdgs) == 0
	finding := result.insufficient_evidence(
		"Indicator 1 (SDG relevance): the record names no Sustainable Development Goal",
		{"sdgs": 0},
	)
}

_reported contains finding if {
	some i, sdg in input.dpg.sdgs
	not _goal(sdg.number)
	finding := result.fail(
		sprintf("Indicator 1 (SDG relevance): SDGs[%d] is not a Sustainable Development Goal (SDGNumber must be 1 to 17, found %v)", [i, sdg.number]),
		{"index": i, "number": sdg.number},
	)
}

_reported contains finding if {
	some i, sdg in input.dpg.sdgs
	_goal(sdg.number)
	not sdg.evidence_text
	not sdg.evidence_url
	finding := result.insufficient_evidence(
		sprintf("Indicator 1 (SDG relevance): SDG %d is claimed without evidence (no evidenceText or evidenceURL in SDGs[%d])", [sdg.number, i]),
		{"index": i, "number": sdg.number},
	)
}

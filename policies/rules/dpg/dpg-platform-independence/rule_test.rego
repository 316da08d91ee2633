package dpgcheck.rules.dpg["dpg-platform-independence_test"]

import data.dpgcheck.rules.dpg["dpg-platform-independence"] as rule
import data.dpgcheck.test.dpg.fixtures

with_answers(record, answers) := object.union(record, {"screening": object.union(record.screening, {"platform_independence": answers})})

# ottaa-project: restrictive mandatory dependencies, answered not independent.
test_fail_real_record_not_independent if {
	rule.findings == {{
		"message": "Indicator 4 (platform independence): mandatory dependencies are more restrictive than the solution's licence and the record says there is no independence from them nor an open alternative (isSoftwarePltIndependent: No)",
		"location": {"path": "digitalpublicgoods/ottaa-project.json"},
		"evidence": {"description": false, "independent": "no", "restrictive_dependencies": "yes"},
	}} with input as {"dpg": fixtures.ottaa_project}
}

# everwell-hub: restrictive dependencies, the follow-up left empty.
test_fail_real_record_independence_not_answered if {
	rule.findings == {{
		"message": "Indicator 4 (platform independence): mandatory dependencies are more restrictive than the solution's licence, and independence from them or open alternatives is not answered (platformIndependence.isSoftwarePltIndependent)",
		"location": {"path": "digitalpublicgoods/everwell-hub.json"},
		"evidence": {"description": false, "independent": "missing", "restrictive_dependencies": "yes"},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.everwell_hub}
}

test_fail_condition_unknown if {
	rule.findings == {{
		"message": "Indicator 4 (platform independence): whether mandatory dependencies are more restrictive than the solution's licence is answered Unknown (platformIndependence.mandatoryDepsCreateMoreRestrictions)",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"description": false, "independent": "missing", "restrictive_dependencies": "unknown"},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": with_answers(fixtures.aam_digital, {"restrictive_dependencies": "unknown", "independent": "missing", "description": false})}
	not rule.not_applicable with input as {"dpg": with_answers(fixtures.aam_digital, {"restrictive_dependencies": "unknown", "independent": "missing", "description": false})}
}

test_fail_independence_not_described if {
	rule.findings == {{
		"message": "Indicator 4 (platform independence): independence from restrictive dependencies is claimed but not described (platformIndependence.pltIndependenceDesc is empty)",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"description": false, "independent": "yes", "restrictive_dependencies": "yes"},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": with_answers(fixtures.aam_digital, {"restrictive_dependencies": "yes", "independent": "yes", "description": false})}
}

# flow-cameroon: restrictive dependencies with described open alternatives.
test_success_real_record_with_open_alternatives if {
	rule.findings == set() with input as {"dpg": fixtures.flow_cameroon}
	not rule.not_applicable with input as {"dpg": fixtures.flow_cameroon}
}

test_success_not_applicable_without_restrictive_dependencies if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
	rule.not_applicable with input as {"dpg": fixtures.aam_digital}
}

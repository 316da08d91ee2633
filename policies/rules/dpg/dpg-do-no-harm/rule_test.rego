package dpgcheck.rules.dpg["dpg-do-no-harm_test"]

import data.dpgcheck.rules.dpg["dpg-do-no-harm"] as rule
import data.dpgcheck.test.dpg.fixtures

# erpnext, a DPG, answered No to stepsToPreventHarm.
test_fail_real_record_answered_no if {
	rule.findings == {{
		"message": "Indicator 9 (do no harm): the record says the project does not take steps to anticipate, prevent and do no harm by design (doNoHarm.preventHarm.stepsToPreventHarm: No)",
		"location": {"path": "digitalpublicgoods/erpnext.json"},
		"evidence": {"answer": "no", "details": true},
	}} with input as {"dpg": fixtures.erpnext}
}

# farmos answered Unknown.
test_fail_real_record_unknown if {
	rule.findings == {{
		"message": "Indicator 9 (do no harm): whether the project takes steps to anticipate, prevent and do no harm is answered Unknown (doNoHarm.preventHarm.stepsToPreventHarm)",
		"location": {"path": "digitalpublicgoods/farmos.json"},
		"evidence": {"answer": "unknown", "details": true},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.farmos}
}

test_fail_no_dpg_metadata if {
	rule.findings == {{
		"message": "Indicator 9 (do no harm): whether the project takes steps to anticipate, prevent and do no harm is not answered (doNoHarm.preventHarm.stepsToPreventHarm)",
		"evidence": {"answer": "missing", "details": false},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.absent}
}

test_success_real_record if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
}

# In a repository the finding points at dpg.json.
test_fail_repository_dpg_json_location if {
	rule.findings == {{
		"message": "Indicator 9 (do no harm): the record says the project does not take steps to anticipate, prevent and do no harm by design (doNoHarm.preventHarm.stepsToPreventHarm: No)",
		"location": {"path": "dpg.json"},
		"evidence": {"answer": "no", "details": true},
	}} with input as {"dpg": object.union(fixtures.erpnext, {"files": ["dpg.json"]})}
}

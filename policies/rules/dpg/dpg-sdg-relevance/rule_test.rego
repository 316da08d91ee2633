package dpgcheck.rules.dpg["dpg-sdg-relevance_test"]

import data.dpgcheck.rules.dpg["dpg-sdg-relevance"] as rule
import data.dpgcheck.test.dpg.fixtures

test_fail_repository_without_dpg_metadata if {
	rule.findings == {{
		"message": "Indicator 1 (SDG relevance): no DPG metadata, so no Sustainable Development Goal is claimed; list the goals in dpg.json",
		"evidence": {"dpg_metadata": false},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.absent}
}

# gdl-radio, a DPG in the registry, names SDG 4 with neither evidence field.
test_fail_real_record_sdg_without_evidence if {
	rule.findings == {{
		"message": "Indicator 1 (SDG relevance): SDG 4 is claimed without evidence (no evidenceText or evidenceURL in SDGs[0])",
		"location": {"path": "nominees/gdl-radio.json"},
		"evidence": {"index": 0, "number": 4},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.gdl_radio}
}

test_fail_number_out_of_range_and_missing if {
	rule.findings == {
		{
			"message": "Indicator 1 (SDG relevance): SDGs[0] is not a Sustainable Development Goal (SDGNumber must be 1 to 17, found 18)",
			"location": {"path": "nominees/aam-digital.json"},
			"evidence": {"index": 0, "number": 18},
		},
		{
			"message": "Indicator 1 (SDG relevance): SDGs[1] is not a Sustainable Development Goal (SDGNumber must be 1 to 17, found null)",
			"location": {"path": "nominees/aam-digital.json"},
			"evidence": {"index": 1, "number": null},
		},
	} with input as {"dpg": object.union(fixtures.aam_digital, {"sdgs": [
		{"number": 18, "evidence_text": true, "evidence_url": false},
		{"number": null, "evidence_text": true, "evidence_url": false},
	]})}
}

test_fail_no_goal_named if {
	rule.findings == {{
		"message": "Indicator 1 (SDG relevance): the record names no Sustainable Development Goal",
		"location": {"path": "nominees/aam-digital.json"},
		"evidence": {"sdgs": 0},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": object.union(fixtures.aam_digital, {"sdgs": []})}
}

# aam-digital names SDGs 1, 3, 4, 5 and 10, each with evidence text.
test_success_real_record if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
}

test_success_evidence_url_only if {
	rule.findings == set() with input as {"dpg": object.union(fixtures.aam_digital, {"sdgs": [{"number": 17, "evidence_text": false, "evidence_url": true}]})}
}

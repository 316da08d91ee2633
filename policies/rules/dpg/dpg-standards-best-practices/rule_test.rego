package dpgcheck.rules.dpg["dpg-standards-best-practices_test"]

import data.dpgcheck.rules.dpg["dpg-standards-best-practices"] as rule
import data.dpgcheck.test.dpg.fixtures

with_answers(record, answers) := object.union(record, {"screening": object.union(record.screening, {"standards": answers})})

test_fail_both_no if {
	rule.findings == {{
		"message": "Indicator 8 (standards and best practices): the record says the solution supports no standard and follows no best practice (standards.supportStandards: No, implementBestPractices: No)",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"supports_standards": "no", "standards": 0, "best_practices": "no", "best_practices_listed": 0},
	}} with input as {"dpg": with_answers(fixtures.aam_digital, {"supports": "no", "standards": 0, "evidence": 0, "best_practices": "no", "best_practices_list": 0})}
}

test_fail_real_record_without_screening if {
	rule.findings == {{
		"message": "Indicator 8 (standards and best practices): neither supported standards nor followed best practices are shown (supportStandards: not answered with 0 listed; implementBestPractices: not answered with 0 listed)",
		"location": {"path": "nominees/gdl-radio.json"},
		"evidence": {"supports_standards": "missing", "standards": 0, "best_practices": "missing", "best_practices_listed": 0},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.gdl_radio}
}

test_fail_yes_without_lists if {
	rule.findings == {{
		"message": "Indicator 8 (standards and best practices): neither supported standards nor followed best practices are shown (supportStandards: Yes with 0 listed; implementBestPractices: Unknown with 0 listed)",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"supports_standards": "yes", "standards": 0, "best_practices": "unknown", "best_practices_listed": 0},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": with_answers(fixtures.aam_digital, {"supports": "yes", "standards": 0, "evidence": 0, "best_practices": "unknown", "best_practices_list": 0})}
}

# "and/or": erpnext follows no listed best practice but supports standards.
test_success_real_record_standards_only if {
	rule.findings == set() with input as {"dpg": fixtures.erpnext}
}

# uwazi supports no standard but follows best practices.
test_success_real_record_best_practices_only if {
	rule.findings == set() with input as {"dpg": fixtures.uwazi}
}

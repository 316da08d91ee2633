package dpgcheck.rules.dpg["dpg-data-extraction_test"]

import data.dpgcheck.rules.dpg["dpg-data-extraction"] as rule
import data.dpgcheck.test.dpg.fixtures

with_answers(record, answers) := object.union(record, {"screening": object.union(record.screening, {"non_pii": answers})})

# find-your-immunization holds non-PII data and answered No to extraction.
test_fail_real_record_no_extraction if {
	rule.findings == {{
		"message": "Indicator 6 (data extraction): the solution holds non-personal data or content, and the record says it cannot be extracted or imported in a non-proprietary format (NonPII.checkNonPIIAccessMechanism: No)",
		"location": {"path": "digitalpublicgoods/find-your-immunization.json"},
		"evidence": {"collects_non_pii": "yes", "extraction": "no", "mechanism": true},
	}} with input as {"dpg": fixtures.find_your_immunization}
}

# primero answered Yes but left the mechanism empty.
test_fail_real_record_mechanism_not_described if {
	rule.findings == {{
		"message": "Indicator 6 (data extraction): an extraction mechanism is claimed but not described (NonPII.nonPIIAccessMechanism is empty)",
		"location": {"path": "digitalpublicgoods/primero.json"},
		"evidence": {"collects_non_pii": "yes", "extraction": "yes", "mechanism": false},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.primero}
}

test_fail_no_dpg_metadata if {
	rule.findings == {{
		"message": "Indicator 6 (data extraction): whether the solution collects, uses or generates non-personal data or content is not answered (NonPII.collectsNonPII)",
		"evidence": {"collects_non_pii": "missing", "extraction": "missing", "mechanism": false},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.absent}
}

test_fail_extraction_unknown if {
	rule.findings == {{
		"message": "Indicator 6 (data extraction): the solution holds non-personal data or content, and a way to extract or import it in a non-proprietary format is answered Unknown (NonPII.checkNonPIIAccessMechanism)",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"collects_non_pii": "yes", "extraction": "unknown", "mechanism": false},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": with_answers(fixtures.aam_digital, {"collects": "yes", "extraction": "unknown", "mechanism": false})}
}

test_success_real_record if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
	not rule.not_applicable with input as {"dpg": fixtures.aam_digital}
}

# erpnext says it holds no non-PII data.
test_success_real_record_not_applicable if {
	rule.findings == set() with input as {"dpg": fixtures.erpnext}
	rule.not_applicable with input as {"dpg": fixtures.erpnext}
}

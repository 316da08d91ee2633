package dpgcheck.rules.dpg["dpg-clear-ownership_test"]

import data.dpgcheck.rules.dpg["dpg-clear-ownership"] as rule
import data.dpgcheck.test.dpg.fixtures

with_ownership(record, ownership) := object.union(record, {"screening": object.union(record.screening, {"ownership": ownership})})

test_fail_answered_no if {
	rule.findings == {{
		"message": "Indicator 3 (clear ownership): the record says ownership of the solution and of what it produces is not clearly defined (clearOwnership.isOwnershipExplicit: No)",
		"location": {"path": "digitalpublicgoods/erpnext.json"},
		"evidence": {"answer": "no", "links": 0, "owners": ["Frappe"], "screening_record": true},
	}} with input as {"dpg": with_ownership(fixtures.erpnext, {"explicit": "no", "evidence": 0})}
}

test_fail_unknown if {
	rule.findings == {{
		"message": "Indicator 3 (clear ownership): whether ownership is clearly defined and documented is answered Unknown (clearOwnership.isOwnershipExplicit)",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"answer": "unknown", "links": 1, "owners": [], "screening_record": true},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": with_ownership(fixtures.aam_digital, {"explicit": "unknown", "evidence": 1})}
}

# gdl-radio is in the registry without a screening record.
test_fail_real_record_without_screening if {
	rule.findings == {{
		"message": "Indicator 3 (clear ownership): whether ownership is clearly defined and documented is not answered (clearOwnership.isOwnershipExplicit)",
		"location": {"path": "nominees/gdl-radio.json"},
		"evidence": {"answer": "missing", "links": 0, "owners": ["Global Book Alliance"], "screening_record": false},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.gdl_radio}
}

test_fail_yes_without_link if {
	rule.findings == {{
		"message": "Indicator 3 (clear ownership): ownership is said to be clear, but no copyright, trademark or ownership link is given (clearOwnership.copyrightURL)",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"answer": "yes", "links": 0, "owners": [], "screening_record": true},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": with_ownership(fixtures.aam_digital, {"explicit": "yes", "evidence": 0})}
}

test_fail_no_dpg_section if {
	rule.findings == {{
		"message": "Indicator 3 (clear ownership): whether ownership is clearly defined and documented is not answered (clearOwnership.isOwnershipExplicit)",
		"evidence": {"answer": "missing", "links": 0, "owners": [], "screening_record": false},
		"outcome": "insufficient_evidence",
	}} with input as {"files": {}}
}

test_success_real_record if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
}

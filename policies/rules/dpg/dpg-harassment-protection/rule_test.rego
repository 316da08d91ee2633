package dpgcheck.rules.dpg["dpg-harassment-protection_test"]

import data.dpgcheck.rules.dpg["dpg-harassment-protection"] as rule
import data.dpgcheck.test.dpg.fixtures

with_answers(record, answers) := object.union(record, {"screening": object.union(record.screening, {"do_no_harm": object.union(record.screening.do_no_harm, {"interaction": answers})})})

code_of_conduct := {"inventory": {"code_of_conduct": [{"path": "CODE_OF_CONDUCT.md", "location": "root", "size": 5200}]}}

# coral: users interact; underage users' safety answered No.
test_fail_real_record_underage_no if {
	rule.findings == {{
		"message": "Indicator 9c (harassment and underage users): the record says there is no system to keep underage users safe and secure (addressSafetySecurityUnderageUsers: No)",
		"location": {"path": "digitalpublicgoods/coral.json"},
		"evidence": {"code_of_conduct": [], "facilitates_interaction": "yes", "harassment_protection": "yes", "harassment_steps": 1, "underage_safety": "no", "underage_steps": 0},
	}} with input as {"dpg": fixtures.coral}
}

# primero: both protections answered No; a code of conduct does not override a No.
test_fail_real_record_both_no if {
	rule.findings == {
		{
			"message": "Indicator 9c (harassment and underage users): the record says there is no protection against grief, abuse and harassment (griefAbuseHarassmentProtection: No)",
			"location": {"path": "digitalpublicgoods/primero.json"},
			"evidence": {"code_of_conduct": ["CODE_OF_CONDUCT.md"], "facilitates_interaction": "yes", "harassment_protection": "no", "harassment_steps": 1, "underage_safety": "no", "underage_steps": 1},
		},
		{
			"message": "Indicator 9c (harassment and underage users): the record says there is no system to keep underage users safe and secure (addressSafetySecurityUnderageUsers: No)",
			"location": {"path": "digitalpublicgoods/primero.json"},
			"evidence": {"code_of_conduct": ["CODE_OF_CONDUCT.md"], "facilitates_interaction": "yes", "harassment_protection": "no", "harassment_steps": 1, "underage_safety": "no", "underage_steps": 1},
		},
	} with input as {"dpg": fixtures.primero, "files": code_of_conduct}
}

test_fail_yes_without_steps_and_underage_unknown if {
	rule.findings == {
		{
			"message": "Indicator 9c (harassment and underage users): users interact; the protection against grief, abuse and harassment is claimed without the steps taken (griefAbuseHarassmentProtection)",
			"location": {"path": "digitalpublicgoods/aam-digital.json"},
			"evidence": {"code_of_conduct": [], "facilitates_interaction": "yes", "harassment_protection": "yes", "harassment_steps": 0, "underage_safety": "unknown", "underage_steps": 0},
			"outcome": "insufficient_evidence",
		},
		{
			"message": "Indicator 9c (harassment and underage users): users interact; the system to keep underage users safe and secure is answered Unknown (addressSafetySecurityUnderageUsers)",
			"location": {"path": "digitalpublicgoods/aam-digital.json"},
			"evidence": {"code_of_conduct": [], "facilitates_interaction": "yes", "harassment_protection": "yes", "harassment_steps": 0, "underage_safety": "unknown", "underage_steps": 0},
			"outcome": "insufficient_evidence",
		},
	} with input as {"dpg": with_answers(fixtures.aam_digital, {"facilitates": "yes", "harassment_protection": "yes", "harassment_steps": 0, "underage_safety": "unknown", "underage_steps": 0})}
}

test_fail_no_dpg_metadata_no_code_of_conduct if {
	rule.findings == {{
		"message": "Indicator 9c (harassment and underage users): whether the solution facilitates interactions between users or contributors is not answered (doNoHarm.protectionFromHarassment.userInteraction) and no code of conduct was found",
		"evidence": {"code_of_conduct": [], "facilitates_interaction": "missing", "harassment_protection": "missing", "harassment_steps": 0, "underage_safety": "missing", "underage_steps": 0},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.absent}
}

# dhis2: users interact, with both protections and their steps.
test_success_real_record if {
	rule.findings == set() with input as {"dpg": fixtures.dhis2}
	not rule.not_applicable with input as {"dpg": fixtures.dhis2}
}

test_success_code_of_conduct_in_repository if {
	rule.findings == set() with input as {"dpg": fixtures.absent, "files": code_of_conduct}
}

test_success_real_record_not_applicable if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
	rule.not_applicable with input as {"dpg": fixtures.aam_digital}
}

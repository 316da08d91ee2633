package dpgcheck.rules.dpg["dpg-privacy-laws_test"]

import data.dpgcheck.rules.dpg["dpg-privacy-laws"] as rule
import data.dpgcheck.test.dpg.fixtures

with_answers(record, answers) := object.union(record, {"screening": object.union(record.screening, {"privacy": answers})})

privacy_file := {"inventory": {"privacy_policy": [{"path": "PRIVACY.md", "location": "root", "size": 900}]}}

# sunbird-quml answered No.
test_fail_real_record_answered_no if {
	rule.findings == {{
		"message": "Indicator 7 (privacy and applicable laws): the record says the solution has not taken steps to comply with privacy and other applicable laws (privacy.isPrivacyCompliant: No)",
		"location": {"path": "digitalpublicgoods/sunbird-quml.json"},
		"evidence": {"answer": "no", "laws": 1, "privacy_policy": []},
	}} with input as {"dpg": fixtures.sunbird_quml}
}

# primero answered Unknown.
test_fail_real_record_unknown if {
	rule.findings == {{
		"message": "Indicator 7 (privacy and applicable laws): compliance with privacy and applicable laws is answered Unknown (privacy.isPrivacyCompliant) and no privacy policy file was found",
		"location": {"path": "digitalpublicgoods/primero.json"},
		"evidence": {"answer": "unknown", "laws": 2, "privacy_policy": []},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.primero}
}

test_fail_yes_without_laws if {
	rule.findings == {{
		"message": "Indicator 7 (privacy and applicable laws): compliance is claimed but no applicable law is named (privacy.privacyComplianceList is empty) and no privacy policy file was found",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"answer": "yes", "laws": 0, "privacy_policy": []},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": with_answers(fixtures.aam_digital, {"compliant": "yes", "laws": 0, "adherence_steps": 2})}
}

test_fail_no_overrides_privacy_policy if {
	rule.findings == {{
		"message": "Indicator 7 (privacy and applicable laws): the record says the solution has not taken steps to comply with privacy and other applicable laws (privacy.isPrivacyCompliant: No)",
		"location": {"path": "digitalpublicgoods/sunbird-quml.json"},
		"evidence": {"answer": "no", "laws": 1, "privacy_policy": ["PRIVACY.md"]},
	}} with input as {"dpg": fixtures.sunbird_quml, "files": privacy_file}
}

test_success_real_record if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
}

test_success_privacy_policy_in_repository if {
	rule.findings == set() with input as {"dpg": fixtures.absent, "files": privacy_file}
}

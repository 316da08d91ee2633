package dpgcheck.rules.dpg["dpg-pii-protection_test"]

import data.dpgcheck.rules.dpg["dpg-pii-protection"] as rule
import data.dpgcheck.test.dpg.fixtures

with_answers(record, answers) := object.union(record, {"screening": object.union(record.screening, {"do_no_harm": object.union(record.screening.do_no_harm, {"pii": answers})})})

security_file := {"inventory": {"security_policy": [{"path": "SECURITY.md", "location": "root", "size": 700}]}}

pii(collects, ensures, described) := {"collects": collects, "data_types": 1, "third_party_sharing": "no", "ensures_privacy_security": ensures, "description": described}

test_fail_real_record_without_screening if {
	rule.findings == {{
		"message": "Indicator 9a (personal data): whether the solution collects, stores or distributes personal data is not answered (doNoHarm.dataPrivacySecurity.collectsPII) and no security policy was found",
		"location": {"path": "nominees/gdl-radio.json"},
		"evidence": {"collects_pii": "missing", "description": false, "ensures_privacy_security": "missing", "security_policy": []},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.gdl_radio}
}

test_fail_protection_answered_no if {
	rule.findings == {{
		"message": "Indicator 9a (personal data): the solution handles personal data, and the record says it does not ensure its privacy, security and integrity (doNoHarm.dataPrivacySecurity.ensurePrivacySecurity: No)",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"collects_pii": "yes", "description": false, "ensures_privacy_security": "no", "security_policy": ["SECURITY.md"]},
	}} with input as {"dpg": with_answers(fixtures.aam_digital, pii("yes", "no", false)), "files": security_file}
}

test_fail_protection_unknown if {
	rule.findings == {{
		"message": "Indicator 9a (personal data): the solution handles personal data; its protection is answered Unknown (ensurePrivacySecurity) and no security policy was found",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"collects_pii": "yes", "description": true, "ensures_privacy_security": "unknown", "security_policy": []},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": with_answers(fixtures.aam_digital, pii("yes", "unknown", true))}
}

test_fail_protection_not_described if {
	rule.findings == {{
		"message": "Indicator 9a (personal data): the solution handles personal data; its protection is claimed but not described (privacySecurityDescription is empty) and no security policy was found",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"collects_pii": "yes", "description": false, "ensures_privacy_security": "yes", "security_policy": []},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": with_answers(fixtures.aam_digital, pii("yes", "yes", false))}
}

# aam-digital collects PII and describes how it protects it.
test_success_real_record if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
	not rule.not_applicable with input as {"dpg": fixtures.aam_digital}
}

test_success_security_policy_in_repository if {
	rule.findings == set() with input as {"dpg": fixtures.absent, "files": security_file}
}

# erpnext collects no PII.
test_success_real_record_not_applicable if {
	rule.findings == set() with input as {"dpg": fixtures.erpnext}
	rule.not_applicable with input as {"dpg": fixtures.erpnext}
}

package dpgcheck.rules.governance["publiccode-present_test"]

import data.dpgcheck.rules.governance["publiccode-present"] as rule

test_fail_absent if {
	rule.findings == {{
		"message": "No publiccode.yml at the repository root: add one so public-sector software catalogues can find and describe the software",
		"evidence": {"suggested_path": "publiccode.yml", "searched": ["publiccode.yml", "publiccode.yaml"]},
	}} with input as {"publiccode": {"present": false, "path": null, "candidates": []}}
}

test_success_present_even_if_invalid if {
	rule.findings == set() with input as {"publiccode": {"present": true, "path": "publiccode.yaml", "candidates": ["publiccode.yaml"], "valid": false}}
}

test_not_applicable_for_a_record if {
	rule.not_applicable with input as {"subject": {"kind": "record"}}
	rule.findings == set() with input as {"subject": {"kind": "record"}}
}

package dpgcheck.rules.governance["publiccode-present_test"]

import data.dpgcheck.rules.governance["publiccode-present"] as rule

test_fail_absent if {
	rule.findings == {{
		"message": "No publiccode.yml at the repository root: add one so public-sector software catalogues can find and describe the software",
		"evidence": {"suggested_path": "publiccode.yml", "searched": ["publiccode.yml", "publiccode.yaml"], "found_elsewhere": []},
	}} with input as {"publiccode": {"present": false, "path": null, "candidates": [], "elsewhere": []}}
}

test_fail_only_below_the_root if {
	rule.findings == {{
		"message": "No publiccode.yml at the repository root: add one so public-sector software catalogues can find and describe the software",
		"evidence": {"suggested_path": "publiccode.yml", "searched": ["publiccode.yml", "publiccode.yaml"], "found_elsewhere": ["docs/publiccode.yml"]},
	}} with input as {"publiccode": {"present": false, "path": null, "candidates": [], "elsewhere": ["docs/publiccode.yml"]}}
}

test_success_present_even_if_invalid if {
	rule.findings == set() with input as {"publiccode": {"present": true, "path": "publiccode.yaml", "candidates": ["publiccode.yaml"], "valid": false}}
}

test_not_applicable_for_a_record if {
	rule.not_applicable with input as {"subject": {"kind": "record"}}
	rule.findings == set() with input as {"subject": {"kind": "record"}}
}

package dpgcheck.rules.dpg["dpg-record-schema_test"]

import data.dpgcheck.rules.dpg["dpg-record-schema"] as rule
import data.dpgcheck.test.dpg.fixtures

test_fail_wrong_type_and_missing_field if {
	rule.findings == {
		{
			"message": "nominee record $.SDGs[0].SDGNumber: must be a number, not a string",
			"evidence": {"document": "nominee", "json_path": "$.SDGs[0].SDGNumber"},
			"location": {"path": "dpg.json"},
		},
		{
			"message": "screening record $.doNoHarm: missing required field 'preventHarm'",
			"evidence": {"document": "screening", "json_path": "$.doNoHarm"},
			"location": {"path": "dpg.json"},
		},
	} with input as {"dpg": object.union(fixtures.aam_digital, {"valid": false, "errors": [
		{"document": "nominee", "file": "dpg.json", "path": "$.SDGs[0].SDGNumber", "message": "must be a number, not a string"},
		{"document": "screening", "file": "dpg.json", "path": "$.doNoHarm", "message": "missing required field 'preventHarm'"},
	]})}
}

test_fail_broken_json if {
	rule.findings == {{
		"message": "nominee record $: not valid JSON (line 3, column 5: Expecting ',' delimiter)",
		"evidence": {"document": "nominee", "json_path": "$"},
		"location": {"path": "dpg.json"},
	}} with input as {"dpg": object.union(fixtures.absent, {"present": true, "files": ["dpg.json"], "errors": [
		{"document": "nominee", "file": "dpg.json", "path": "$", "message": "not valid JSON (line 3, column 5: Expecting ',' delimiter)"},
	]})}
}

test_success_valid_registry_record if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
}

test_success_no_record if {
	rule.findings == set() with input as {"dpg": fixtures.absent}
}

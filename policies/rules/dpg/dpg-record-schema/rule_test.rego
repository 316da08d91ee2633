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

ignore_licence_enum := {"dpga_schema_ignored_errors": [{"document": "nominee", "path": "^\\$\\.license\\[[0-9]+\\]\\.spdx$", "keyword": "enum"}]}

licence_enum_error := {"document": "nominee", "file": "dpg.json", "path": "$.license[1].spdx", "keyword": "enum", "message": "a 17-character string is not one of the 49 allowed values"}

test_success_an_ignored_licence_enum_error_is_not_reported if {
	rule.findings == set() with input as {"dpg": object.union(fixtures.aam_digital, {"valid": false, "errors": [licence_enum_error]})}
		with data.dpgcheck.config.thresholds as ignore_licence_enum
}

test_fail_the_licence_enum_error_counts_when_no_entry_ignores_it if {
	rule.findings == {{
		"message": "nominee record $.license[1].spdx: a 17-character string is not one of the 49 allowed values",
		"evidence": {"document": "nominee", "json_path": "$.license[1].spdx"},
		"location": {"path": "dpg.json"},
	}} with input as {"dpg": object.union(fixtures.aam_digital, {"valid": false, "errors": [licence_enum_error]})}
		with data.dpgcheck.config.thresholds as {"dpga_schema_ignored_errors": []}
}

# An entry ignores only its own document and keyword: a type error at the path is reported.
test_fail_an_entry_ignores_its_keyword_only if {
	rule.findings == {
		{
			"message": "nominee record $.license[0].spdx: must be a string, not a number",
			"evidence": {"document": "nominee", "json_path": "$.license[0].spdx"},
			"location": {"path": "dpg.json"},
		},
		{
			"message": "screening record $.license[1].spdx: a 17-character string is not one of the 49 allowed values",
			"evidence": {"document": "screening", "json_path": "$.license[1].spdx"},
			"location": {"path": "dpg.json"},
		},
	} with input as {"dpg": object.union(fixtures.aam_digital, {"valid": false, "errors": [
		licence_enum_error,
		{"document": "nominee", "file": "dpg.json", "path": "$.license[0].spdx", "keyword": "type", "message": "must be a string, not a number"},
		object.union(licence_enum_error, {"document": "screening"}),
	]})}
		with data.dpgcheck.config.thresholds as ignore_licence_enum
}

package dpgcheck.rules.dpg["dpg-metadata-present_test"]

import data.dpgcheck.rules.dpg["dpg-metadata-present"] as rule
import data.dpgcheck.test.dpg.fixtures

test_fail_repository_without_dpg_json if {
	rule.findings == {{
		"message": "No DPG metadata: add dpg.json (or dpg.yaml) at the repository root with the DPGA nominee record and, for indicators 3-9, the screening answers",
		"evidence": {"searched": ["dpg.json", "dpg.yaml", "dpg.yml"], "suggested_path": "dpg.json"},
	}} with input as {"dpg": fixtures.absent}
}

test_fail_facts_without_dpg_section if {
	rule.findings == {{
		"message": "No DPG metadata: add dpg.json (or dpg.yaml) at the repository root with the DPGA nominee record and, for indicators 3-9, the screening answers",
		"evidence": {"searched": ["dpg.json", "dpg.yaml", "dpg.yml"], "suggested_path": "dpg.json"},
	}} with input as {"files": {}}
}

test_success_registry_record if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
}

test_success_invalid_record_is_still_present if {
	rule.findings == set() with input as {"dpg": object.union(fixtures.aam_digital, {"valid": false})}
}

package dpgcheck.rules.governance["publiccode-maintained_test"]

import data.dpgcheck.rules.governance["publiccode-maintained"] as rule

facts(maintenance, until, status) := {
	"options": {"now": "2026-06-01T12:00:00Z"},
	"publiccode": {"present": true, "path": "publiccode.yml", "fields": {
		"maintenance_type": maintenance,
		"contractors_until": until,
		"development_status": status,
	}},
}

test_fail_no_maintenance if {
	rule.findings == {{
		"message": "publiccode.yml declares maintenance.type none: nobody maintains the software",
		"evidence": {"maintenance_type": "none"},
		"location": {"path": "publiccode.yml", "line": 1},
	}} with input as facts("none", [], "stable")
}

test_fail_contracts_ended if {
	rule.findings == {{
		"message": "publiccode.yml: every maintenance contract has ended (the latest ran until 2026-05-31)",
		"evidence": {"maintenance_type": "contract", "latest_until": "2026-05-31", "today": "2026-06-01"},
		"location": {"path": "publiccode.yml", "line": 1},
	}} with input as facts("contract", ["2025-01-01", "2026-05-31"], "stable")
}

test_fail_obsolete_and_unmaintained if {
	rule.findings == {
		{
			"message": "publiccode.yml declares maintenance.type none: nobody maintains the software",
			"evidence": {"maintenance_type": "none"},
			"location": {"path": "publiccode.yml", "line": 1},
		},
		{
			"message": "publiccode.yml declares developmentStatus obsolete",
			"evidence": {"development_status": "obsolete"},
			"location": {"path": "publiccode.yml", "line": 1},
		},
	} with input as facts("none", [], "obsolete")
}

test_success_contract_running_today if {
	rule.findings == set() with input as facts("contract", ["2024-01-01", "2026-06-01"], "stable")
}

test_success_community if {
	rule.findings == set() with input as facts("community", [], "beta")
}

test_success_contract_dates_not_judged_without_a_clock if {
	rule.findings == set() with input as {"publiccode": {"present": true, "path": "publiccode.yml", "fields": {
		"maintenance_type": "contract", "contractors_until": ["2020-01-01"], "development_status": "stable",
	}}}
}

test_not_applicable_without_a_parsed_file if {
	rule.not_applicable with input as {"publiccode": {"present": false, "fields": null}}
	rule.findings == set() with input as {"publiccode": {"present": false, "fields": null}}
	rule.not_applicable with input as {"subject": {"kind": "record"}}
}

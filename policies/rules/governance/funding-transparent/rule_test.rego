package dpgcheck.rules.governance["funding-transparent_test"]

import data.dpgcheck.rules.governance["funding-transparent"] as rule

governance(funding, funding_topic) := {
	"funding": funding,
	"topics": {"funding": funding_topic, "governance": []},
}

no_file := {"path": null, "parsed": false, "platforms": []}

empty_file := {"path": ".github/FUNDING.yml", "parsed": true, "platforms": []}

searched := ["funding section in the README and governance documents", "publiccode.yml fundedBy", ".github/FUNDING.yml"]

test_fail_nothing if {
	rule.findings == {{
		"message": "No statement of funding found: say who funds the project (a Funding section, fundedBy in publiccode.yml or .github/FUNDING.yml)",
		"evidence": {"funding_file": null, "publiccode": null, "searched": searched},
	}} with input as {"governance": governance(no_file, [])}
}

test_fail_empty_funding_file_and_publiccode_without_funders if {
	rule.findings == {{
		"message": "No statement of funding found: say who funds the project (a Funding section, fundedBy in publiccode.yml or .github/FUNDING.yml)",
		"evidence": {"funding_file": ".github/FUNDING.yml", "publiccode": "publiccode.yml", "searched": searched},
	}} with input as {
		"governance": governance(empty_file, []),
		"publiccode": {"present": true, "path": "publiccode.yml", "fields": {"funded_by_count": 0}},
	}
}

test_success_funding_file if {
	rule.findings == set() with input as {"governance": governance({"path": ".github/FUNDING.yml", "parsed": true, "platforms": ["open_collective"]}, [])}
}

test_success_publiccode_funded_by if {
	rule.findings == set() with input as {
		"governance": governance(no_file, []),
		"publiccode": {"present": true, "path": "publiccode.yml", "fields": {"funded_by_count": 2}},
	}
}

test_success_funding_section if {
	rule.findings == set() with input as {"governance": governance(no_file, ["GOVERNANCE.md"])}
}

test_not_applicable_without_governance_facts if {
	rule.not_applicable with input as {"subject": {"kind": "record"}}
	rule.findings == set() with input as {"subject": {"kind": "record"}}
}

package dpgcheck.rules.governance["roadmap-published_test"]

import data.dpgcheck.rules.governance["roadmap-published"] as rule

governance(files, topic) := {"documents": {"roadmap": files}, "topics": {"roadmap": topic}}

test_fail_no_roadmap if {
	rule.findings == {{
		"message": "No public roadmap found: add ROADMAP.md, a Roadmap section in the README, or a roadmap URL in publiccode.yml",
		"evidence": {"suggested_path": "ROADMAP.md", "searched": ["ROADMAP file", "publiccode.yml roadmap", "roadmap section in the README and governance documents"]},
	}} with input as {"governance": governance([], []), "publiccode": {"present": true, "fields": {"roadmap": null}}}
}

test_success_roadmap_file if {
	rule.findings == set() with input as {"governance": governance([{"path": "docs/ROADMAP.md", "location": "docs", "size": 300, "topics": ["roadmap"]}], ["docs/ROADMAP.md"])}
}

test_success_publiccode_roadmap if {
	rule.findings == set() with input as {"governance": governance([], []), "publiccode": {"present": true, "fields": {"roadmap": "https://example.org/roadmap"}}}
}

test_success_readme_section if {
	rule.findings == set() with input as {"governance": governance([], ["README.md"])}
}

test_not_applicable_without_governance_facts if {
	rule.not_applicable with input as {"subject": {"kind": "record"}}
	rule.findings == set() with input as {"subject": {"kind": "record"}}
}

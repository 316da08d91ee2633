package dpgcheck.rules.dpg["dpg-documentation_test"]

import data.dpgcheck.rules.dpg["dpg-documentation"] as rule
import data.dpgcheck.test.dpg.fixtures

with_answers(record, answers) := object.union(record, {"screening": object.union(record.screening, {"documentation": answers})})

readme := {"inventory": {"readme": [{"path": "README.md", "location": "root", "size": 2048}]}, "directories": {"docs": 0, "doc": 0}}

test_fail_real_record_without_screening if {
	rule.findings == {{
		"message": "Indicator 5 (documentation): whether documentation exists is not answered (documentation.isDocumentationAvailable) and no README or docs/ directory was found",
		"location": {"path": "nominees/gdl-radio.json"},
		"evidence": {"answer": "missing", "links": 0, "repository_documentation": []},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.gdl_radio}
}

test_fail_answered_no_even_with_readme if {
	rule.findings == {{
		"message": "Indicator 5 (documentation): the record says no documentation of the source code, use cases or functional requirements exists (documentation.isDocumentationAvailable: No)",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"answer": "no", "links": 0, "repository_documentation": ["README.md"]},
	}} with input as {"dpg": with_answers(fixtures.aam_digital, {"available": "no", "links": 0}), "files": readme}
}

test_fail_yes_without_link if {
	rule.findings == {{
		"message": "Indicator 5 (documentation): documentation is said to exist, but no link to it is given (documentation.documentationURL) and no README or docs/ directory was found",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"answer": "yes", "links": 0, "repository_documentation": []},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": with_answers(fixtures.aam_digital, {"available": "yes", "links": 0})}
}

test_success_real_record if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
}

test_success_repository_readme_without_dpg_metadata if {
	rule.findings == set() with input as {"dpg": fixtures.absent, "files": readme}
}

test_success_repository_docs_directory if {
	rule.findings == set() with input as {"dpg": fixtures.absent, "files": {"inventory": {"readme": []}, "directories": {"docs": 12, "doc": 0}}}
}

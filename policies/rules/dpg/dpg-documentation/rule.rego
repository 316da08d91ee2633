# METADATA
# title: "Indicator 5: documentation"
# description: |
#   The solution is documented well enough for a stranger to use it: for
#   software, technical documentation that lets someone unfamiliar with the
#   project install and run it; for data, a description of every field, of
#   how the data was collected and of how to read it; for content, what is
#   needed to access it and how to use it. Evidence is a documentation link in
#   the record or, in a repository, a README or a docs/ directory. A record
#   that says No fails whatever the repository holds.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 5 (documentation)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
# custom:
#   severity: info
#   indicator: "5"
#   profiles: [dpg-standard]
#   remediation: |
#     Write the documentation for your solution type (for software: how to
#     install, configure and run it; for data: a data dictionary and the
#     collection method; for content: how to access and use it), publish it in
#     README/docs/ or on a public site, and list the links in
#     documentation.documentationURL with isDocumentationAvailable "Yes".
package dpgcheck.rules.dpg["dpg-documentation"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the screening answers (data.dpgcheck.lib.dpg).
findings contains dpg.on_screening_answers(finding) if some finding in _reported

_answers := object.get(input, ["dpg", "screening", "documentation"], {})

_available := object.get(_answers, "available", "missing")

_links := object.get(_answers, "links", 0)

_readmes := [f.path | some f in object.get(input, ["files", "inventory", "readme"], [])]

_docs_directories := [name | some name in ["docs", "doc"]; object.get(input, ["files", "directories", name], 0) > 0]

_repository_evidence := array.concat(_readmes, [concat("", [name, "/"]) | some name in _docs_directories])

_evidence := {"answer": _available, "links": _links, "repository_documentation": _repository_evidence}

_reported contains finding if {
	_available == "no"
	finding := result.fail(
		"Indicator 5 (documentation): the record says no documentation of the source code, use cases or functional requirements exists (documentation.isDocumentationAvailable: No)",
		_evidence,
	)
}

_reported contains finding if {
	dpg.unclear_answers[_available]
	count(_repository_evidence) == 0
	finding := result.insufficient_evidence(
		sprintf("Indicator 5 (documentation): whether documentation exists is %s (documentation.isDocumentationAvailable) and no README or docs/ directory was found", [dpg.unclear_answers[_available]]),
		_evidence,
	)
}

_reported contains finding if {
	_available == "yes"
	_links == 0
	count(_repository_evidence) == 0
	finding := result.insufficient_evidence(
		"Indicator 5 (documentation): documentation is said to exist, but no link to it is given (documentation.documentationURL) and no README or docs/ directory was found",
		_evidence,
	)
}

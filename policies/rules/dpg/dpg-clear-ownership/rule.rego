# METADATA
# title: "Indicator 3: clear ownership"
# description: |
#   It must be clear who owns the solution and everything it produces (code,
#   content, data, models), and that ownership must be written down where
#   anyone can check it: a copyright notice, a trademark, terms of service or
#   an ownership page. The record must answer the ownership question with Yes
#   and link to that documentation; No fails, Unknown or no answer is not
#   enough evidence.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 3 (clear ownership)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
# custom:
#   severity: info
#   indicator: "3"
#   profiles: [dpg-standard]
#   remediation: |
#     Document the owner (an organisation or named people) in a copyright notice,
#     trademark registration or ownership page, then set
#     clearOwnership.isOwnershipExplicit to "Yes" and clearOwnership.copyrightURL
#     to that page. If you do not own every part, show your right to
#     redistribute it (licences, a contributor licence agreement).
package dpgcheck.rules.dpg["dpg-clear-ownership"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the screening answers (data.dpgcheck.lib.dpg).
findings contains dpg.on_screening_answers(finding) if some finding in _reported

_screening_present := object.get(input, ["dpg", "screening", "present"], false)

_explicit := object.get(input, ["dpg", "screening", "ownership", "explicit"], "missing")

_links := object.get(input, ["dpg", "screening", "ownership", "evidence"], 0)

_evidence := {"answer": _explicit, "links": _links, "owners": object.get(input, ["dpg", "owners"], []), "screening_record": _screening_present}

_reported contains finding if {
	_explicit == "no"
	finding := result.fail(
		"Indicator 3 (clear ownership): the record says ownership of the solution and of what it produces is not clearly defined (clearOwnership.isOwnershipExplicit: No)",
		_evidence,
	)
}

_reported contains finding if {
	dpg.unclear_answers[_explicit]
	finding := result.insufficient_evidence(
		sprintf("Indicator 3 (clear ownership): whether ownership is clearly defined and documented is %s (clearOwnership.isOwnershipExplicit)", [dpg.unclear_answers[_explicit]]),
		_evidence,
	)
}

_reported contains finding if {
	_explicit == "yes"
	_links == 0
	finding := result.insufficient_evidence(
		"Indicator 3 (clear ownership): ownership is said to be clear, but no copyright, trademark or ownership link is given (clearOwnership.copyrightURL)",
		_evidence,
	)
}

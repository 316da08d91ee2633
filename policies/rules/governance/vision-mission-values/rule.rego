# METADATA
# title: A vision, mission and values statement is published
# description: |
#   Governments that co-develop software are asked to codify the vision,
#   mission and values that underpin their cooperation, so that partners, new
#   members and contributors know what the codebase is for and which
#   principles guide decisions. The rule counts which of the three statements
#   the README and governance documents make (a Mission, Vision or Values
#   heading, or phrases such as "our mission is") and expects at least
#   vision_mission_values_minimum of them.
# related_resources:
#   - description: G20/T20 brief, recommendation 2 (codify a vision, mission and values statement)
#     ref: https://www.t20brasil.org/
#   - description: Standard for Public Code 0.8.1, criterion "Document codebase objectives"
#     ref: https://standard.publiccode.net/criteria/document-objectives.html
# custom:
#   severity: warning
#   principle: governance
#   remediation: |
#     Add Mission, Vision and Values sections to the README or to
#     GOVERNANCE.md: what the codebase is for, the future it works towards, and
#     the principles its stewards agree to follow.
#   profiles: [joint-governance]
package dpgcheck.rules.governance["vision-mission-values"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

default not_applicable := false

not_applicable if not input.governance

_statements := ["mission", "vision", "values"]

_stated := [s | some s in _statements; count(object.get(input.governance.topics, s, [])) > 0]

_missing := [s | some s in _statements; not s in _stated]

_documents := sort({path | some s in _statements; some path in object.get(input.governance.topics, s, [])})

findings contains finding if {
	input.governance
	minimum := config.threshold("vision_mission_values_minimum")
	count(_stated) < minimum
	finding := result.fail(
		sprintf("%d of the vision, mission and values statements found (%d expected); missing: %s", [count(_stated), minimum, concat(", ", _missing)]),
		{"stated": _stated, "missing": _missing, "documents": _documents, "minimum": minimum},
	)
}

# Without the threshold the rule cannot judge: say so rather than pass silently.
findings contains finding if {
	input.governance
	not config.threshold("vision_mission_values_minimum")
	finding := result.insufficient_evidence(
		"The threshold vision_mission_values_minimum is not set in data.dpgcheck.config (or the profile): this rule cannot judge",
		{"threshold": "vision_mission_values_minimum"},
	)
}

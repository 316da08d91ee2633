# METADATA
# title: Governance is documented, with decision making and roles
# description: |
#   A codebase that several organisations or governments rely on needs written
#   governance: who may decide, how decisions are made, which roles exist and
#   how people take them on. The rule looks for a GOVERNANCE document (at the
#   root, in .github/, docs/ or a governance/ folder) or a Governance section
#   in another community document, then checks that the governance text covers
#   the topics listed in the governance_required_topics threshold (by default
#   decision making and roles; a joint-governance profile can add steering
#   body, membership, voting and voting thresholds). Topics are read from
#   headings and specific phrases, so this is evidence for a reviewer, not
#   proof that the governance is legitimate. Governance is often published
#   outside the repository (a foundation's bylaws, a steward's statutes):
#   a Governance section that links to it counts as the document (the linked
#   text is not read, so its topics are those of the section itself), while
#   governance that nothing in the repository points to does not count.
# related_resources:
#   - description: Standard for Public Code 0.8.1, criterion "Welcome contributors" (governance documented)
#     ref: https://standard.publiccode.net/criteria/welcome-contributors.html
#   - description: G20/T20 brief, recommendation 2 (draft principles for joint software governance)
#     ref: https://www.t20brasil.org/
# custom:
#   severity: warning
#   principle: governance
#   remediation: |
#     Add GOVERNANCE.md with sections on how decisions are made (consensus,
#     consent, voting and its thresholds), the roles in the project and how
#     people join or leave them, and, for jointly governed software, the
#     steering body and its membership.
#   profiles: [joint-governance]
package dpgcheck.rules.governance["governance-documented"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

default not_applicable := false

not_applicable if not input.governance

_labels := {
	"amendments": "how the governance itself is changed",
	"conflict_resolution": "conflict resolution",
	"decision_making": "decision making",
	"funding": "funding",
	"membership": "membership",
	"roles": "roles",
	"steering_body": "a steering body",
	"voting": "voting",
	"voting_thresholds": "voting thresholds",
}

_governance_files := [doc.path | some doc in input.governance.documents.governance]

# Documents that describe governance: GOVERNANCE files first, then documents with a governance section.
_documents := array.concat(
	_governance_files,
	[path | some path in input.governance.topics.governance; not path in _governance_files],
)

findings contains finding if {
	input.governance
	count(_documents) == 0
	finding := result.fail(
		"No governance document found: add GOVERNANCE.md saying how decisions are made and which roles exist",
		{"suggested_path": "GOVERNANCE.md", "searched": ["root", ".github", "docs", "doc", "governance/"]},
	)
}

findings contains finding if {
	count(_documents) > 0
	missing := [topic |
		some topic in config.threshold("governance_required_topics")
		count(object.get(input.governance.topics, topic, [])) == 0
	]
	count(missing) > 0
	finding := result.fail_at(
		sprintf("The governance documentation (%s) does not cover %s", [_documents[0], concat(", ", [object.get(_labels, t, t) | some t in missing])]),
		{"documents": _documents, "missing_topics": missing},
		{"path": _documents[0], "line": 1},
	)
}

# Without the threshold the rule cannot judge: say so rather than pass silently.
findings contains finding if {
	input.governance
	not config.threshold("governance_required_topics")
	finding := result.insufficient_evidence(
		"The threshold governance_required_topics is not set in data.dpgcheck.config (or the profile): this rule cannot judge",
		{"threshold": "governance_required_topics"},
	)
}

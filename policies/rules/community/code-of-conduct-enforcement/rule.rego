# METADATA
# title: The code of conduct names who enforces it and how to reach them
# description: |
#   A code of conduct protects people only if they know where to report an
#   incident. The rule reads the code of conduct (when there is one; its
#   presence is the code-of-conduct rule's concern) and expects a reporting
#   contact of a kind listed in code_of_conduct_contact_kinds: an e-mail
#   address or a reporting form. A template placeholder left in (such as the
#   Contributor Covenant's "[INSERT CONTACT METHOD]") is reported as such.
#   The address itself is never copied into the facts or the report.
# related_resources:
#   - description: DPG Standard, indicator 9c (protection from harassment)
#     ref: https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md
#   - description: Contributor Covenant 2.1, Enforcement
#     ref: https://www.contributor-covenant.org/version/2/1/code_of_conduct/
# custom:
#   severity: warning
#   principle: community
#   remediation: |
#     In the code of conduct's Enforcement section, give a way to report
#     incidents that reaches the people who enforce it, for example a
#     conduct@ e-mail address of the project or a reporting form, and say who
#     handles reports.
#   profiles: [joint-governance]
package dpgcheck.rules.community["code-of-conduct-enforcement"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

default not_applicable := false

not_applicable if not input.governance

not_applicable if input.governance.code_of_conduct.path == null

_conduct := input.governance.code_of_conduct

_accepted := [kind | some kind in _conduct.enforcement_contacts; kind in config.threshold("code_of_conduct_contact_kinds")]

findings contains finding if {
	_conduct.path != null
	count(_accepted) == 0
	_conduct.placeholder
	finding := result.fail_at(
		sprintf("%s still holds a template placeholder instead of a contact: say how and to whom incidents are reported", [_conduct.path]),
		{"placeholder": true, "contact_kinds": _conduct.enforcement_contacts, "accepted_kinds": config.threshold("code_of_conduct_contact_kinds")},
		{"path": _conduct.path, "line": 1},
	)
}

findings contains finding if {
	_conduct.path != null
	count(_accepted) == 0
	not _conduct.placeholder
	finding := result.fail_at(
		sprintf("%s names no way to report incidents (%s): add the contact of the people who enforce it", [_conduct.path, concat(" or ", config.threshold("code_of_conduct_contact_kinds"))]),
		{
			"placeholder": false,
			"contact_kinds": _conduct.enforcement_contacts,
			"accepted_kinds": config.threshold("code_of_conduct_contact_kinds"),
			"enforcement_section": _conduct.enforcement_section,
		},
		{"path": _conduct.path, "line": 1},
	)
}

# Without the threshold the rule cannot judge: say so rather than pass silently.
findings contains finding if {
	_conduct.path != null
	not config.threshold("code_of_conduct_contact_kinds")
	finding := result.insufficient_evidence(
		"The threshold code_of_conduct_contact_kinds is not set in data.dpgcheck.config (or the profile): this rule cannot judge",
		{"threshold": "code_of_conduct_contact_kinds"},
	)
}

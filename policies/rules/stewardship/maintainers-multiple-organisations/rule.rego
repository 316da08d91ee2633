# METADATA
# title: Maintainers come from more than one organisation
# description: |
#   Joint stewardship means that the people who can approve and merge changes
#   work for more than one organisation, so that no single government, vendor
#   or foundation controls the codebase alone. The maintainers are read from
#   the e-mail addresses in CODEOWNERS, MAINTAINERS or OWNERS files; when those
#   name no address, the organisations that each made at least
#   min_maintainer_organisation_share of the commits in the stewardship window
#   of the git history stand in for them.
# related_resources:
#   - description: Standard for Public Code, criterion "Make the codebase reusable and portable" / governance (steering team from several organisations)
#     ref: https://standard.publiccode.net/criteria/open-to-contributions.html
#   - description: publiccode.yml governance charter (one member per country)
#     ref: https://github.com/publiccodeyml/publiccode.yml/blob/main/governance/charter.md
# custom:
#   severity: warning
#   principle: stewardship
#   remediation: |
#     Give maintainer rights to people from at least two organisations and list
#     them, with work e-mail addresses, in MAINTAINERS or CODEOWNERS. When they
#     use personal addresses, pass an affiliation map with --affiliations.
#   profiles: [joint-governance]
#   depends_on: [history]
package dpgcheck.rules.stewardship["maintainers-multiple-organisations"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

history := object.get(input, "history", {})

declared := object.get(history, "maintainers", {"files": [], "addresses": 0, "organisations": []})

window_name := config.threshold("stewardship_window")

window := object.get(history, window_name, {})

minimum := config.threshold("min_organisations")

# --- declared in CODEOWNERS / MAINTAINERS ------------------------------------

findings contains finding if {
	declared.addresses > 0
	count(declared.organisations) < minimum
	count(declared.organisations) + declared.unknown_organisation < minimum
	finding := result.fail_at(
		sprintf("The maintainers listed in %s belong to %d known organisation(s) (%s); at least %d are expected", [concat(", ", declared.files), count(declared.organisations), describe(declared.organisations), minimum]),
		{
			"source": "declared",
			"files": declared.files,
			"organisations": declared.organisations,
			"unknown_organisation": declared.unknown_organisation,
			"min_organisations": minimum,
		},
		{"path": declared.files[0]},
	)
}

# Webmail addresses might belong to other organisations: say so rather than fail.
findings contains finding if {
	declared.addresses > 0
	count(declared.organisations) < minimum
	count(declared.organisations) + declared.unknown_organisation >= minimum
	finding := result.insufficient_evidence_at(
		sprintf("The maintainers listed in %s belong to %d known organisation(s) (%s) and %d address(es) of unknown organisation (webmail); map them with --affiliations to show at least %d organisations", [concat(", ", declared.files), count(declared.organisations), describe(declared.organisations), declared.unknown_organisation, minimum]),
		{
			"source": "declared",
			"files": declared.files,
			"organisations": declared.organisations,
			"unknown_organisation": declared.unknown_organisation,
			"min_organisations": minimum,
		},
		{"path": declared.files[0]},
	)
}

describe(organisations) := concat(", ", organisations) if count(organisations) > 0
else := "none"

# --- otherwise from the history ----------------------------------------------

from_history if object.get(declared, "addresses", 0) == 0

findings contains finding if {
	from_history
	not history.available
	finding := result.insufficient_evidence(
		"No maintainer addresses in CODEOWNERS or MAINTAINERS and no git history, so the maintainers' organisations cannot be told",
		{"source": "history", "reason": object.get(history, "reason", null)},
	)
}

findings contains finding if {
	from_history
	history.available
	history.shallow
	finding := result.insufficient_evidence(
		"No maintainer addresses in CODEOWNERS or MAINTAINERS and only a shallow clone, so the maintaining organisations cannot be told; fetch the full history (git fetch --unshallow) or list the maintainers",
		{"source": "history", "shallow": true},
	)
}

findings contains finding if {
	from_history
	history.available
	not history.shallow
	not known_enough
	finding := result.insufficient_evidence(
		sprintf("No maintainer addresses in CODEOWNERS or MAINTAINERS, and the organisation is unknown for too many commits in the window %s to tell the maintaining organisations; list the maintainers or pass --affiliations", [window_name]),
		{
			"source": "history",
			"window": window_name,
			"commits": object.get(window, "commits", 0),
			"unknown_organisation_share": object.get(window, "unknown_organisation_share", null),
			"max_unknown_organisation_share": config.threshold("max_unknown_organisation_share"),
		},
	)
}

known_enough if {
	window.commits > 0
	window.unknown_organisation_share <= config.threshold("max_unknown_organisation_share")
}

maintaining := [o.name |
	some o in window.organisations
	o.share >= config.threshold("min_maintainer_organisation_share")
]

findings contains finding if {
	from_history
	history.available
	not history.shallow
	known_enough
	count(maintaining) < minimum
	finding := result.fail(
		sprintf("No maintainer addresses in CODEOWNERS or MAINTAINERS; in the git history (%s) %d organisation(s) made at least %v%% of the commits (%s); at least %d are expected", [window_name, count(maintaining), round(config.threshold("min_maintainer_organisation_share") * 100), describe(maintaining), minimum]),
		{
			"source": "history",
			"window": window_name,
			"organisations": maintaining,
			"min_maintainer_organisation_share": config.threshold("min_maintainer_organisation_share"),
			"min_organisations": minimum,
		},
	)
}

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
import data.dpgcheck.lib.history as metrics
import data.dpgcheck.lib.result

_history := object.get(input, "history", {})

_declared := object.get(_history, "maintainers", {"files": [], "addresses": 0, "organisations": []})

_window_name := config.threshold("stewardship_window")

_window := metrics.window(_window_name)

_minimum := config.threshold("min_organisations")

# --- declared in CODEOWNERS / MAINTAINERS ------------------------------------

findings contains finding if {
	_declared.addresses > 0
	count(_declared.organisations) < _minimum
	count(_declared.organisations) + _declared.unknown_organisation < _minimum
	finding := result.fail_at(
		sprintf("The maintainers listed in %s belong to %d known organisation(s) (%s); at least %d are expected", [concat(", ", _declared.files), count(_declared.organisations), _describe(_declared.organisations), _minimum]),
		{
			"source": "declared",
			"files": _declared.files,
			"organisations": _declared.organisations,
			"unknown_organisation": _declared.unknown_organisation,
			"min_organisations": _minimum,
		},
		{"path": _declared.files[0]},
	)
}

# Webmail addresses might belong to other organisations: say so rather than fail.
findings contains finding if {
	_declared.addresses > 0
	count(_declared.organisations) < _minimum
	count(_declared.organisations) + _declared.unknown_organisation >= _minimum
	finding := result.insufficient_evidence_at(
		sprintf("The maintainers listed in %s belong to %d known organisation(s) (%s) and %d address(es) of unknown organisation (webmail); map them with --affiliations to show at least %d organisations", [concat(", ", _declared.files), count(_declared.organisations), _describe(_declared.organisations), _declared.unknown_organisation, _minimum]),
		{
			"source": "declared",
			"files": _declared.files,
			"organisations": _declared.organisations,
			"unknown_organisation": _declared.unknown_organisation,
			"min_organisations": _minimum,
		},
		{"path": _declared.files[0]},
	)
}

_describe(organisations) := concat(", ", organisations) if count(organisations) > 0
else := "none"

# --- otherwise from the history ----------------------------------------------

_from_history if object.get(_declared, "addresses", 0) == 0

findings contains finding if {
	_from_history
	not _history.available
	finding := result.insufficient_evidence(
		"No maintainer addresses in CODEOWNERS or MAINTAINERS and no git history, so the maintainers' organisations cannot be told",
		{"source": "history", "reason": object.get(_history, "reason", null)},
	)
}

findings contains finding if {
	_from_history
	_history.available
	_history.shallow
	finding := result.insufficient_evidence(
		"No maintainer addresses in CODEOWNERS or MAINTAINERS and only a shallow clone, so the maintaining organisations cannot be told; fetch the full history (git fetch --unshallow) or list the maintainers",
		{"source": "history", "shallow": true},
	)
}

findings contains finding if {
	_from_history
	_history.available
	not _history.shallow
	not metrics.has_window(_window_name)
	finding := metrics.missing_window(_window_name)
}

findings contains finding if {
	_from_history
	_history.available
	not _history.shallow
	metrics.has_window(_window_name)
	not _known_enough
	finding := result.insufficient_evidence(
		sprintf("No maintainer addresses in CODEOWNERS or MAINTAINERS, and the organisation is unknown for too many commits in the window %s to tell the maintaining organisations; list the maintainers or pass --affiliations", [_window_name]),
		{
			"source": "history",
			"window": _window_name,
			"commits": object.get(_window, "commits", 0),
			"unknown_organisation_share": object.get(_window, "unknown_organisation_share", null),
			"max_unknown_organisation_share": config.threshold("max_unknown_organisation_share"),
		},
	)
}

_known_enough if {
	_window.commits > 0
	_window.unknown_organisation_share <= config.threshold("max_unknown_organisation_share")
}

_maintaining := [o.name |
	some o in _window.organisations
	o.share >= config.threshold("min_maintainer_organisation_share")
]

findings contains finding if {
	_from_history
	_history.available
	not _history.shallow
	_known_enough
	count(_maintaining) < _minimum
	finding := result.fail(
		sprintf("No maintainer addresses in CODEOWNERS or MAINTAINERS; in the git history (%s) %d organisation(s) made at least %v%% of the commits (%s); at least %d are expected", [_window_name, count(_maintaining), round(config.threshold("min_maintainer_organisation_share") * 100), _describe(_maintaining), _minimum]),
		{
			"source": "history",
			"window": _window_name,
			"organisations": _maintaining,
			"min_maintainer_organisation_share": config.threshold("min_maintainer_organisation_share"),
			"min_organisations": _minimum,
		},
	)
}

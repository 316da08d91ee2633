# METADATA
# title: Work is shared across organisations (elephant factor)
# description: |
#   The CHAOSS elephant factor is the smallest number of organisations whose
#   people made half of the commits (threshold elephant_factor_share). A
#   codebase that one organisation writes alone stops when that organisation's
#   priorities change; a jointly governed public good needs several
#   organisations doing the work. Counted over the
#   threshold stewardship_window of the local git history (default the 12
#   months up to the last commit), merges and bots apart, with organisations
#   taken from e-mail domains or from an affiliation map (--affiliations).
# related_resources:
#   - description: CHAOSS Elephant Factor metric
#     ref: https://chaoss.community/kb/metric-elephant-factor/
#   - description: Standard for Public Code, criterion "Use a coherent style" / "Welcome contributors" (no single organisation employs a majority)
#     ref: https://standard.publiccode.net/criteria/welcome-contributors.html
# custom:
#   severity: warning
#   principle: stewardship
#   remediation: |
#     Bring maintainers and contributors from other organisations into the
#     work (co-development agreements, shared roadmaps, funded contributions).
#     If contributors use webmail or personal addresses, pass an affiliation
#     map with --affiliations so their organisations are counted.
#   profiles: [joint-governance, sustainable-use]
#   depends_on: [history]
package dpgcheck.rules.stewardship["elephant-factor"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.history as metrics
import data.dpgcheck.lib.result

_history := object.get(input, "history", {})

_window_name := config.threshold("stewardship_window")

_window := metrics.window(_window_name)

_unavailable := {
	"no-git": "No git history: the directory is not a git repository, so the organisations doing the work cannot be counted; run dpgcheck in a full git clone",
	"no-commits": "No git history: the repository has no commit yet, so the organisations doing the work cannot be counted",
	"git-unavailable": "No git history: git could not read it (see the collection problems), so the organisations doing the work cannot be counted",
}

findings contains finding if {
	not _history.available
	finding := result.insufficient_evidence(
		object.get(_unavailable, object.get(_history, "reason", ""), "No git history in the facts, so the organisations doing the work cannot be counted"),
		{"reason": object.get(_history, "reason", null)},
	)
}

findings contains finding if {
	_history.available
	_history.shallow
	finding := result.insufficient_evidence(
		"Shallow clone: only part of the history is present, so the elephant factor cannot be measured; fetch the full history (git fetch --unshallow)",
		{"shallow": true, "commits_read": _history.commits_read},
	)
}

# The window this bundle asks for is not in the facts (collected for other windows).
findings contains finding if {
	_history.available
	not _history.shallow
	not metrics.has_window(_window_name)
	finding := metrics.missing_window(_window_name)
}

findings contains finding if {
	_history.available
	not _history.shallow
	_window.commits == 0
	finding := result.insufficient_evidence(
		sprintf("No commits by people in the window %s, so the elephant factor is undefined", [_window_name]),
		{"window": _window_name, "commits": 0},
	)
}

findings contains finding if {
	_history.available
	not _history.shallow
	_window.commits > 0
	_window.unknown_organisation_share > config.threshold("max_unknown_organisation_share")
	finding := result.insufficient_evidence(
		sprintf("The organisation is unknown for %v%% of the commits in the window %s (webmail or unmapped addresses), more than the %v%% allowed; pass an affiliation map with --affiliations", [round(_window.unknown_organisation_share * 100), _window_name, round(config.threshold("max_unknown_organisation_share") * 100)]),
		{
			"window": _window_name,
			"unknown_organisation_share": _window.unknown_organisation_share,
			"max_unknown_organisation_share": config.threshold("max_unknown_organisation_share"),
		},
	)
}

findings contains finding if {
	_history.available
	not _history.shallow
	_window.commits > 0
	_window.unknown_organisation_share <= config.threshold("max_unknown_organisation_share")
	count(_window.organisations) > 0
	factor := _factor_of(_window)
	to_number(factor) < config.threshold("min_elephant_factor")
	finding := result.fail(
		sprintf("Elephant factor %v in the window %s: %s made %v%% of the commits by known organisations; at least %v organisations should make up %s of the work", [factor, _window_name, _top_name, round(_window.top_organisation_share * 100), config.threshold("min_elephant_factor"), metrics.share_words(config.threshold("elephant_factor_share"))]),
		{
			"window": _window_name,
			"elephant_factor": factor,
			"min_elephant_factor": config.threshold("min_elephant_factor"),
			"elephant_factor_share": config.threshold("elephant_factor_share"),
			"organisations": [{"name": o.name, "share": o.share} | some o in _window.organisations],
			"commits": _window.commits,
		},
	)
}

# Unknown organisations allowed, but none known: the factor is undefined.
findings contains finding if {
	_history.available
	not _history.shallow
	_window.commits > 0
	_window.unknown_organisation_share <= config.threshold("max_unknown_organisation_share")
	count(_window.organisations) == 0
	finding := result.insufficient_evidence(
		sprintf("No commit in the window %s is by a known organisation, so the elephant factor is undefined; pass an affiliation map with --affiliations", [_window_name]),
		{"window": _window_name, "commits": _window.commits, "organisations": []},
	)
}

_factor_of(w) := metrics.elephant_factor(w) if metrics.elephant_factor(w)

else := null

_top_name := _window.organisations[0].name if count(_window.organisations) > 0
else := "no known organisation"

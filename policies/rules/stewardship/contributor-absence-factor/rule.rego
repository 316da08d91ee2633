# METADATA
# title: The work does not rest on one or two people (contributor absence factor)
# description: |
#   The CHAOSS contributor absence factor (formerly "bus factor") is the
#   smallest number of people who made half of the commits (threshold
#   absence_factor_share). When it is 1, the
#   project stalls if that person leaves. Counted over the stewardship window
#   of the local git history, merges and bots apart, after .mailmap.
# related_resources:
#   - description: CHAOSS Contributor Absence Factor metric
#     ref: https://chaoss.community/kb/metric-contributor-absence-factor/
#   - description: OpenSSF Best Practices, silver criterion bus_factor
#     ref: https://www.bestpractices.dev/en/criteria/1#1.bus_factor
# custom:
#   severity: warning
#   principle: sustainability
#   remediation: |
#     Spread knowledge and commit rights: pair on changes, review each other's
#     work, document the release process, and mentor new maintainers. Merge
#     a contributor's several addresses in .mailmap so they count once.
#   profiles: [joint-governance, sustainable-use]
#   depends_on: [history]
package dpgcheck.rules.stewardship["contributor-absence-factor"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.history as metrics
import data.dpgcheck.lib.result

_history := object.get(input, "history", {})

_window_name := config.threshold("stewardship_window")

_window := metrics.window(_window_name)

findings contains finding if {
	not _history.available
	finding := result.insufficient_evidence(
		"No git history, so the contributor absence factor cannot be measured; run dpgcheck in a full git clone",
		{"reason": object.get(_history, "reason", null)},
	)
}

findings contains finding if {
	_history.available
	_history.shallow
	finding := result.insufficient_evidence(
		"Shallow clone: only part of the history is present, so the contributor absence factor cannot be measured; fetch the full history (git fetch --unshallow)",
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
		sprintf("No commits by people in the window %s, so the contributor absence factor is undefined", [_window_name]),
		{"window": _window_name, "commits": 0},
	)
}

findings contains finding if {
	_history.available
	not _history.shallow
	_window.commits > 0
	factor := metrics.absence_factor(_window)
	factor < config.threshold("min_absence_factor")
	finding := result.fail(
		sprintf("Contributor absence factor %d in the window %s: %d person(s) made %s of the %d commits; at least %d should", [factor, _window_name, factor, metrics.share_words(config.threshold("absence_factor_share")), _window.commits, config.threshold("min_absence_factor")]),
		{
			"window": _window_name,
			"absence_factor": factor,
			"absence_factor_share": config.threshold("absence_factor_share"),
			"contributors": _window.contributors,
			"commits": _window.commits,
			"min_absence_factor": config.threshold("min_absence_factor"),
		},
	)
}

# METADATA
# title: At least five commits in six months (openCode maintenance badge)
# description: |
#   openCode's maintenance badge (level 1) asks for at least five commits in the last
#   six months. The profile names a history window of its own for them
#   (de_last_6_months: 183 days, in the threshold history_windows), which dpgcheck
#   counts when it collects the facts with this bundle. Facts collected without it
#   (with another bundle, or by another tool) are insufficient evidence, never a pass.
#   The minimum is data too (de_min_commits_6_months).
# related_resources:
#   - description: openCode badges (opencode.de), maintenance, level 1
#     ref: https://opencode.de
# custom:
#   severity: error
#   remediation: Keep the project maintained; an adopting administration expects regular commits.
#   profiles: [de-opencode]
package dpgcheck.rules.de_maintenance["de.commits-last-6-months"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.history as metrics
import data.dpgcheck.lib.result

_minimum := config.threshold("de_min_commits_6_months")

_window_name := "de_last_6_months"

_history := input.history

_window := metrics.window(_window_name)

findings contains finding if {
	not _history.available
	finding := result.insufficient_evidence("No git history: the commits of the last six months cannot be counted", {})
}

findings contains finding if {
	_history.available
	not metrics.has_window(_window_name)
	finding := metrics.missing_window(_window_name)
}

findings contains finding if {
	_history.available
	_window.commits < _minimum
	finding := result.fail(
		sprintf("%d commits in the %d days up to the last commit; openCode asks for at least %d in six months", [_window.commits, _window.days, _minimum]),
		{"window": _window_name, "commits": _window.commits, "minimum": _minimum},
	)
}

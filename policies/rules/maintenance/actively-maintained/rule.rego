# METADATA
# title: The codebase is actively maintained
# description: |
#   A government that adopts a public good needs it to receive fixes. The
#   last commit must be no older than max_inactive_months before the
#   evaluation clock (input.options.now, which the command line sets to the
#   current time or to --now; without it, the HEAD commit's time), and the
#   history window activity_window (default last_12_months: the 365 days up to
#   the last commit; its length is in the threshold history_windows) must hold
#   at least min_commits_last_12_months commits or merges by people (bots apart).
# related_resources:
#   - description: OpenSSF Scorecard Maintained check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#maintained
#   - description: CHAOSS Activity Dates and Times metric
#     ref: https://chaoss.community/kb/metric-activity-dates-and-times/
# custom:
#   severity: warning
#   principle: sustainability
#   remediation: |
#     Resume maintenance (dependency updates, security fixes, releases) or say
#     plainly in the README that the project is unmaintained or archived and
#     point to a successor. A clone must include the recent history.
#   profiles: [joint-governance, procurement-minimum, sustainable-use]
#   depends_on: [history]
package dpgcheck.rules.maintenance["actively-maintained"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.history as metrics
import data.dpgcheck.lib.result

_history := object.get(input, "history", {})

# The evaluation clock: the run's, or else the HEAD commit's own time.
_clock := {"source": "options.now", "time": input.options.now} if {
	input.options.now
} else := {"source": "head-commit", "time": _history.reference_time}

_clock_ns := time.parse_rfc3339_ns(_clock.time)

_last_ns := time.parse_rfc3339_ns(_history.last_commit_time)

_max_months := config.threshold("max_inactive_months")

_inactive if time.add_date(_last_ns, 0, _max_months, 0) < _clock_ns

_days_inactive := floor((_clock_ns - _last_ns) / 86400000000000)

findings contains finding if {
	not _history.available
	finding := result.insufficient_evidence(
		"No git history, so maintenance activity cannot be seen; run dpgcheck in a git clone",
		{"reason": object.get(_history, "reason", null)},
	)
}

findings contains finding if {
	_history.available
	_inactive
	finding := result.fail(
		sprintf("No commit for %d days: the last one is from %s, more than %d months before %s", [_days_inactive, substring(_history.last_commit_time, 0, 10), _max_months, substring(_clock.time, 0, 10)]),
		{
			"last_commit_time": _history.last_commit_time,
			"clock": _clock.time,
			"clock_source": _clock.source,
			"days_inactive": _days_inactive,
			"max_inactive_months": _max_months,
		},
	)
}

_window_name := config.threshold("activity_window")

_window := metrics.window(_window_name)

_recent_activity := _window.commits + _window.merges

findings contains finding if {
	_history.available
	not _inactive
	not metrics.has_window(_window_name)
	finding := metrics.missing_window(_window_name)
}

findings contains finding if {
	_history.available
	not _inactive
	_recent_activity < config.threshold("min_commits_last_12_months")
	finding := object.union(
		result.fail(
			sprintf("%d commit(s) and merge(s) by people in the %d days up to the last commit (%s, window %s); at least %d are expected%s", [_recent_activity, metrics.window_days(_window_name), substring(_history.last_commit_time, 0, 10), _window_name, config.threshold("min_commits_last_12_months"), _shallow_note]),
			{
				"window": _window_name,
				"commits_last_12_months": _recent_activity,
				"min_commits_last_12_months": config.threshold("min_commits_last_12_months"),
				"last_commit_time": _history.last_commit_time,
				"shallow": _history.shallow,
			},
		),
		_shallow_outcome,
	)
}

_shallow_note := ": the clone is shallow, so older commits may be missing (git fetch --unshallow)" if _history.shallow
else := ""

_shallow_outcome := {"outcome": "insufficient_evidence"} if _history.shallow
else := {}

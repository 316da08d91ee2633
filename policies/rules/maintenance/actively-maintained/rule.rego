# METADATA
# title: The codebase is actively maintained
# description: |
#   A government that adopts a public good needs it to receive fixes. The
#   last commit must be no older than max_inactive_months before the
#   evaluation clock (input.options.now, which the command line sets to the
#   current time or to --now; without it, the HEAD commit's time), and the 12
#   months up to the last commit must hold at least min_commits_last_12_months
#   commits or merges by people (bots apart).
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
import data.dpgcheck.lib.result

history := object.get(input, "history", {})

# The evaluation clock: the run's, or else the HEAD commit's own time.
clock := {"source": "options.now", "time": input.options.now} if {
	input.options.now
} else := {"source": "head-commit", "time": history.reference_time}

clock_ns := time.parse_rfc3339_ns(clock.time)

last_ns := time.parse_rfc3339_ns(history.last_commit_time)

max_months := config.threshold("max_inactive_months")

inactive if time.add_date(last_ns, 0, max_months, 0) < clock_ns

days_inactive := floor((clock_ns - last_ns) / 86400000000000)

findings contains finding if {
	not history.available
	finding := result.insufficient_evidence(
		"No git history, so maintenance activity cannot be seen; run dpgcheck in a git clone",
		{"reason": object.get(history, "reason", null)},
	)
}

findings contains finding if {
	history.available
	inactive
	finding := result.fail(
		sprintf("No commit for %d days: the last one is from %s, more than %d months before %s", [days_inactive, substring(history.last_commit_time, 0, 10), max_months, substring(clock.time, 0, 10)]),
		{
			"last_commit_time": history.last_commit_time,
			"clock": clock.time,
			"clock_source": clock.source,
			"days_inactive": days_inactive,
			"max_inactive_months": max_months,
		},
	)
}

recent_activity := history.last_12_months.commits + history.last_12_months.merges

findings contains finding if {
	history.available
	not inactive
	recent_activity < config.threshold("min_commits_last_12_months")
	finding := object.union(
		result.fail(
			sprintf("%d commit(s) and merge(s) by people in the 12 months up to the last commit (%s); at least %d are expected%s", [recent_activity, substring(history.last_commit_time, 0, 10), config.threshold("min_commits_last_12_months"), shallow_note]),
			{
				"commits_last_12_months": recent_activity,
				"min_commits_last_12_months": config.threshold("min_commits_last_12_months"),
				"last_commit_time": history.last_commit_time,
				"shallow": history.shallow,
			},
		),
		shallow_outcome,
	)
}

shallow_note := ": the clone is shallow, so older commits may be missing (git fetch --unshallow)" if history.shallow
else := ""

shallow_outcome := {"outcome": "insufficient_evidence"} if history.shallow
else := {}

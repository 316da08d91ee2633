# METADATA
# title: At least five commits in six months (openCode maintenance badge)
# description: |
#   openCode's maintenance badge (level 1) asks for at least five commits in the last
#   six months. dpgcheck's history facts count the last 90 days and the last 12
#   months, not six months, so the rule judges only what those windows prove: enough
#   commits in 90 days passes (they fall within six months); too few in 12 months
#   fails (six months hold no more); anything between is insufficient evidence, never
#   a pass. The threshold is data (de_min_commits_6_months).
# related_resources:
#   - description: openCode badges (opencode.de), maintenance, level 1
#     ref: https://opencode.de
# custom:
#   severity: error
#   remediation: Keep the project maintained; an adopting administration expects regular commits.
#   profiles: [de-opencode]
package dpgcheck.rules.de_maintenance["de.commits-last-6-months"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

_minimum := config.threshold("de_min_commits_6_months")

_history := input.history

findings contains finding if {
	not _history.available
	finding := result.insufficient_evidence("No git history: the commits of the last six months cannot be counted", {})
}

findings contains finding if {
	_history.available
	_history.last_12_months.commits < _minimum
	finding := result.fail(
		sprintf("%d commits in the last 12 months, so fewer than %d in the last six", [_history.last_12_months.commits, _minimum]),
		{"commits_last_12_months": _history.last_12_months.commits, "minimum": _minimum},
	)
}

findings contains finding if {
	_history.available
	_history.last_12_months.commits >= _minimum
	_history.last_90_days.commits < _minimum
	finding := result.insufficient_evidence(
		sprintf("%d commits in 90 days and %d in 12 months: whether six months hold %d cannot be told from these counts", [_history.last_90_days.commits, _history.last_12_months.commits, _minimum]),
		{"commits_last_90_days": _history.last_90_days.commits, "commits_last_12_months": _history.last_12_months.commits, "minimum": _minimum},
	)
}

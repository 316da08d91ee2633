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

history := object.get(input, "history", {})

window_name := config.threshold("stewardship_window")

window := object.get(history, window_name, {})

findings contains finding if {
	not history.available
	finding := {
		"message": "No git history, so the contributor absence factor cannot be measured; run dpgcheck in a full git clone",
		"evidence": {"reason": object.get(history, "reason", null)},
		"outcome": "insufficient_evidence",
	}
}

findings contains finding if {
	history.available
	history.shallow
	finding := {
		"message": "Shallow clone: only part of the history is present, so the contributor absence factor cannot be measured; fetch the full history (git fetch --unshallow)",
		"evidence": {"shallow": true, "commits_read": history.commits_read},
		"outcome": "insufficient_evidence",
	}
}

findings contains finding if {
	history.available
	not history.shallow
	window.commits == 0
	finding := {
		"message": sprintf("No commits by people in the window %s, so the contributor absence factor is undefined", [window_name]),
		"evidence": {"window": window_name, "commits": 0},
		"outcome": "insufficient_evidence",
	}
}

findings contains finding if {
	history.available
	not history.shallow
	window.commits > 0
	factor := metrics.absence_factor(window)
	factor < config.threshold("min_absence_factor")
	finding := {
		"message": sprintf("Contributor absence factor %d in the window %s: %d person(s) made %s of the %d commits; at least %d should", [factor, window_name, factor, metrics.share_words(config.threshold("absence_factor_share")), window.commits, config.threshold("min_absence_factor")]),
		"evidence": {
			"window": window_name,
			"absence_factor": factor,
			"absence_factor_share": config.threshold("absence_factor_share"),
			"contributors": window.contributors,
			"commits": window.commits,
			"min_absence_factor": config.threshold("min_absence_factor"),
		},
	}
}

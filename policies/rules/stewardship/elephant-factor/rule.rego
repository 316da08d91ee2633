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

history := object.get(input, "history", {})

window_name := config.threshold("stewardship_window")

window := object.get(history, window_name, {})

unavailable := {
	"no-git": "No git history: the directory is not a git repository, so the organisations doing the work cannot be counted; run dpgcheck in a full git clone",
	"no-commits": "No git history: the repository has no commit yet, so the organisations doing the work cannot be counted",
	"git-unavailable": "No git history: git could not read it (see the collection problems), so the organisations doing the work cannot be counted",
}

findings contains finding if {
	not history.available
	finding := {
		"message": object.get(unavailable, object.get(history, "reason", ""), "No git history in the facts, so the organisations doing the work cannot be counted"),
		"evidence": {"reason": object.get(history, "reason", null)},
		"outcome": "insufficient_evidence",
	}
}

findings contains finding if {
	history.available
	history.shallow
	finding := {
		"message": "Shallow clone: only part of the history is present, so the elephant factor cannot be measured; fetch the full history (git fetch --unshallow)",
		"evidence": {"shallow": true, "commits_read": history.commits_read},
		"outcome": "insufficient_evidence",
	}
}

findings contains finding if {
	history.available
	not history.shallow
	window.commits == 0
	finding := {
		"message": sprintf("No commits by people in the window %s, so the elephant factor is undefined", [window_name]),
		"evidence": {"window": window_name, "commits": 0},
		"outcome": "insufficient_evidence",
	}
}

findings contains finding if {
	history.available
	not history.shallow
	window.commits > 0
	window.unknown_organisation_share > config.threshold("max_unknown_organisation_share")
	finding := {
		"message": sprintf("The organisation is unknown for %v%% of the commits in the window %s (webmail or unmapped addresses), more than the %v%% allowed; pass an affiliation map with --affiliations", [round(window.unknown_organisation_share * 100), window_name, round(config.threshold("max_unknown_organisation_share") * 100)]),
		"evidence": {
			"window": window_name,
			"unknown_organisation_share": window.unknown_organisation_share,
			"max_unknown_organisation_share": config.threshold("max_unknown_organisation_share"),
		},
		"outcome": "insufficient_evidence",
	}
}

findings contains finding if {
	history.available
	not history.shallow
	window.commits > 0
	window.unknown_organisation_share <= config.threshold("max_unknown_organisation_share")
	count(window.organisations) > 0
	factor := factor_of(window)
	to_number(factor) < config.threshold("min_elephant_factor")
	finding := {
		"message": sprintf("Elephant factor %v in the window %s: %s made %v%% of the commits by known organisations; at least %v organisations should make up %s of the work", [factor, window_name, top_name, round(window.top_organisation_share * 100), config.threshold("min_elephant_factor"), metrics.share_words(config.threshold("elephant_factor_share"))]),
		"evidence": {
			"window": window_name,
			"elephant_factor": factor,
			"min_elephant_factor": config.threshold("min_elephant_factor"),
			"elephant_factor_share": config.threshold("elephant_factor_share"),
			"organisations": [{"name": o.name, "share": o.share} | some o in window.organisations],
			"commits": window.commits,
		},
	}
}

# Unknown organisations allowed, but none known: the factor is undefined.
findings contains finding if {
	history.available
	not history.shallow
	window.commits > 0
	window.unknown_organisation_share <= config.threshold("max_unknown_organisation_share")
	count(window.organisations) == 0
	finding := {
		"message": sprintf("No commit in the window %s is by a known organisation, so the elephant factor is undefined; pass an affiliation map with --affiliations", [window_name]),
		"evidence": {"window": window_name, "commits": window.commits, "organisations": []},
		"outcome": "insufficient_evidence",
	}
}

factor_of(w) := metrics.elephant_factor(w) if metrics.elephant_factor(w)

else := null

top_name := window.organisations[0].name if count(window.organisations) > 0
else := "no known organisation"

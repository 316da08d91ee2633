# METADATA
# title: History metrics
# description: |
#   CHAOSS metrics and the release-tag scheme, computed from the raw counts in
#   input.history with shares from the configuration: the elephant factor
#   (elephant_factor_share of the commits by known organisations), the
#   contributor absence factor (absence_factor_share of the commits) and the
#   tag scheme (tag_scheme_min_share of the version tags). And the history
#   windows: the threshold history_windows names each window a rule may ask for
#   and gives its length in days; window(name) finds it in the facts.
package dpgcheck.lib.history

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

# --- history windows ---------------------------------------------------------------------

# window_days(name): the length in days of the window called name in the threshold
# history_windows (e.g. {"last_90_days": 90, "last_12_months": 365}).
window_days(name) := config.threshold("history_windows")[name]

# window_of_days(days): the facts' window of that length. Facts 3.0 hold one entry per length
# in input.history.windows, for the lengths the bundles named when the facts were collected;
# facts 1.x and 2.0 hold two fixed windows, last_90_days and last_12_months (365 days).
window_of_days(days) := [w | some w in input.history.windows; w.days == days][0]

window_of_days(days) := input.history[legacy.key] if {
	not input.history.windows
	some legacy in _legacy_windows
	legacy.days == days
}

_legacy_windows := [{"days": 90, "key": "last_90_days"}, {"days": 365, "key": "last_12_months"}]

# window(name): the facts' window that the configured window name asks for; undefined when
# the name is not in history_windows or the facts hold no window of its length.
window(name) := window_of_days(window_days(name))

# The whole history read (up to the commit cap) is a window too, with no length.
window(name) := input.history.lifetime if name == "lifetime"

has_window(name) if window(name)

# The lengths of the windows the facts hold.
facts_window_days := [w.days | some w in input.history.windows] if input.history.windows

else := [legacy.days | some legacy in _legacy_windows; input.history[legacy.key]]

# missing_window(name): the finding of a rule whose window is not in the facts: they were
# collected for other windows (with another bundle, or by another tool), or the bundle does
# not define the name. Not a failure: the facts cannot tell.
missing_window(name) := result.insufficient_evidence(
	sprintf("The facts hold no history window of %d days (%s, in the threshold history_windows), only of %v days; collect them again with this bundle (dpgcheck check, or dpgcheck facts --bundle)", [window_days(name), name, facts_window_days]),
	{"window": name, "days": window_days(name), "facts_window_days": facts_window_days},
) if window_days(name)

else := result.insufficient_evidence(
	sprintf("The window %s is not defined in the threshold history_windows (window names and their lengths in days), so the history cannot be judged over it", [name]),
	{"window": name, "days": null, "facts_window_days": facts_window_days},
)

# cumulative_factor(groups, share): the fewest members (largest first) whose commits reach
# share of all commits. groups is [{"commits": c, "members": n}]: n members made c commits
# each. Undefined when there are no commits ("cumulative >= share": eight organisations at
# 12.5 % each give 4 at share 0.5, one at exactly 50 % gives 1).
cumulative_factor(groups, share) := factor if {
	total := sum([(g.commits * g.members) | some g in groups])
	total > 0
	target := (share * total) - tolerance
	factors := {k |
		some g in groups
		g.commits > 0
		g.members > 0
		before := sum([(h.commits * h.members) | some h in groups; h.commits > g.commits])
		members_before := sum([h.members | some h in groups; h.commits > g.commits])
		before < target
		before + (g.commits * g.members) >= target
		k := members_before + ceil((target - before) / g.commits)
	}
	factor := min(factors)
}

# Shares times counts are compared with this tolerance: OPA computes 0.6 * 50 in binary
# floating point (30.000000000000004), regorus in decimal (30); both must reach 30.
tolerance := 0.000000001

# The factors of one window of the facts. Facts 2.0 carry the commit counts; facts 1.x carry
# the factor the collector computed at a share of one half, used as it is.
elephant_factor(window) := cumulative_factor(window.commits_per_organisation, config.threshold("elephant_factor_share"))

elephant_factor(window) := window.elephant_factor if {
	not window.commits_per_organisation
	window.elephant_factor != null
}

absence_factor(window) := cumulative_factor(window.commits_per_contributor, config.threshold("absence_factor_share"))

absence_factor(window) := window.absence_factor if {
	not window.commits_per_contributor
	window.absence_factor != null
}

# share_words(share): "half" for 0.5, else a percentage, for messages.
share_words(share) := "half" if share == 0.5

else := sprintf("%v%%", [round(share * 100)])

version_schemes := ["semver", "calver", "numeric"]

# tag_scheme(schemes): the scheme the version tags follow, from the count of tags per scheme:
# one name when it holds at least tag_scheme_min_share of the version tags, else "mixed";
# "other" when only other tags exist, "none" without tags.
tag_scheme(schemes) := "none" if {
	count([s | some s in version_schemes; object.get(schemes, s, 0) > 0]) == 0
	object.get(schemes, "other", 0) == 0
}

tag_scheme(schemes) := "other" if {
	count([s | some s in version_schemes; object.get(schemes, s, 0) > 0]) == 0
	object.get(schemes, "other", 0) > 0
}

tag_scheme(schemes) := scheme if {
	counts := [object.get(schemes, s, 0) | some s in version_schemes]
	total := sum(counts)
	total > 0
	top := max(counts)
	# The first scheme (in version_schemes order) with the most tags.
	first := min([i | some i, n in counts; n == top])
	scheme := _dominant_or_mixed(version_schemes[first], top, total)
}

_dominant_or_mixed(name, top, total) := name if top >= (config.threshold("tag_scheme_min_share") * total) - tolerance

else := "mixed"

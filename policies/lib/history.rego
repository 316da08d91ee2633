# METADATA
# title: History metrics
# description: |
#   CHAOSS metrics and the release-tag scheme, computed from the raw counts in
#   input.history with shares from the configuration: the elephant factor
#   (elephant_factor_share of the commits by known organisations), the
#   contributor absence factor (absence_factor_share of the commits) and the
#   tag scheme (tag_scheme_min_share of the version tags).
package dpgcheck.lib.history

import data.dpgcheck.lib.config

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

# METADATA
# title: Run configuration
# description: |
#   The effective configuration of a run: bundle defaults in data.dpgcheck.config,
#   overlaid by the selected profile's thresholds and by per-run options in
#   input.options (what the command line passes). Rules read thresholds here,
#   never from literals in their bodies.
package dpgcheck.lib.config

# The options a run passes with the facts (--profile, --fail-on, ...).
options := object.get(input, "options", {})

# The bundle's defaults. Refer to data.dpgcheck.config itself, never to
# data.dpgcheck as a whole: that would include the rules and loop.
default bundle_config := {}

bundle_config := data.dpgcheck.config

default profiles := {}

profiles := data.dpgcheck.profiles

effective := object.union(bundle_config, options)

profile_name := object.get(effective, "profile", "default")

profile := profiles[profile_name]

# A profile includes another with the selector "profile:<name>" and then gets all of it: its
# rules, exclusions, severities and thresholds, at any depth (its own values win).
_profile_graph[name] := {included |
	some selector in object.get(p, "include", [])
	startswith(selector, "profile:")
	included := substring(selector, count("profile:"), -1)
	profiles[included]
} if some name, p in profiles

default included_profiles := set()

included_profiles := graph.reachable(_profile_graph, {profile_name}) if profiles[profile_name]

# The profiles included, not the selected one itself, in a fixed order.
_inherited_profiles := sort(included_profiles - {profile_name})

# For a key set by several included profiles, the last in name order wins.
_inherited(section) := {key: values[count(values) - 1] |
	some name in _inherited_profiles
	some key, _ in object.get(profiles[name], section, {})
	values := [profiles[n][section][key] | some n in _inherited_profiles; key in object.keys(object.get(profiles[n], section, {}))]
}

profile_section(section) := object.union(_inherited(section), object.get(profiles, [profile_name, section], {}))

# Thresholds: run options win over the profile, the profile over bundle defaults.
_thresholds := object.union(
	object.union(object.get(bundle_config, "thresholds", {}), profile_section("thresholds")),
	object.get(options, "thresholds", {}),
)

# threshold(name) is the configured value of a named threshold; undefined when unset.
threshold(name) := _thresholds[name]

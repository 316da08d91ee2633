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

# Thresholds: run options win over the profile, the profile over bundle defaults.
thresholds := object.union(
	object.union(object.get(bundle_config, "thresholds", {}), object.get(profiles, [profile_name, "thresholds"], {})),
	object.get(options, "thresholds", {}),
)

# threshold(name) is the configured value of a named threshold; undefined when unset.
threshold(name) := thresholds[name]

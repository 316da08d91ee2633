# METADATA
# title: REUSE adoption
# description: |
#   Whether a repository follows the REUSE specification, decided from the raw
#   observations in input.reuse (licence texts in LICENSES/, REUSE.toml files,
#   a .reuse/dep5, files with SPDX headers) and the thresholds
#   reuse_adoption_signals and reuse_adoption_min_header_files. The REUSE rules
#   apply only to a repository that adopted it.
package dpgcheck.lib.reuse

import data.dpgcheck.lib.config

facts := object.get(input, "reuse", {})

# What each signal observes; a signal not listed in reuse_adoption_signals is ignored.
signal_seen("licenses_dir") if count(object.get(facts, "licenses_dir", [])) > 0

signal_seen("reuse_toml") if count(object.get(facts, "reuse_toml", [])) > 0

signal_seen("dep5") if object.get(facts, "dep5", false) == true

signal_seen("file_headers") if {
	object.get(facts, ["sources", "file-header"], 0) >= config.threshold("reuse_adoption_min_header_files")
	object.get(facts, ["sources", "file-header"], 0) > 0
}

# The adoption signals the repository shows, of those the configuration counts.
signals := {s | some s in config.threshold("reuse_adoption_signals"); signal_seen(s)}

default adopted := false

adopted if count(signals) > 0

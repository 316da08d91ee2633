# METADATA
# title: Files carry their own copyright and licence information (REUSE)
# description: |
#   The REUSE specification asks every file to say who holds its copyright and
#   under which licence it is available: in a comment header
#   (SPDX-FileCopyrightText, SPDX-License-Identifier), in a <file>.license
#   sidecar, or through REUSE.toml or .reuse/dep5 annotations. This rule compares
#   the share of covered files that have both with the threshold
#   per_file_coverage_min (a percentage, 100 by default). Few real DPGs annotate
#   every file, so the rule is advisory (info) by default; a profile can raise its
#   severity through its severity map to make per-file headers a requirement.
# related_resources:
#   - description: REUSE specification 3.3
#     ref: https://reuse.software/spec-3.3/
#   - description: REUSE tutorial
#     ref: https://reuse.software/tutorial/
# custom:
#   severity: info
#   principle: licensing
#   profiles: [sustainable-use]
#   remediation: |
#     Add SPDX-FileCopyrightText and SPDX-License-Identifier comment headers to
#     source files (`reuse annotate` writes them), a <file>.license sidecar next to
#     binary files, or a REUSE.toml at the root that covers whole directories with
#     globs; put each licence text in LICENSES/<SPDX-id>.txt. `reuse lint` shows
#     what is still missing.
package dpgcheck.rules.licensing["per-file-coverage"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result
import data.dpgcheck.lib.reuse

default _minimum := 100

_minimum := config.threshold("per_file_coverage_min")

_facts := input.reuse

not_applicable if _facts.covered_files == 0

_coverage := (100 * _facts.with_both) / _facts.covered_files if _facts.covered_files > 0

findings contains finding if {
	_facts.covered_files > 0
	_coverage < _minimum
	finding := result.fail(
		sprintf("%d of %d files (%s%%) carry both a copyright notice and licence information; the threshold is %v%%: %d lack a licence, %d lack a copyright notice", [
			_facts.with_both, _facts.covered_files, _percent_text(_coverage), _minimum,
			_facts.missing_licensing.count, _facts.missing_copyright.count,
		]),
		{
			"covered_files": _facts.covered_files,
			"with_both": _facts.with_both,
			"coverage_percent": round(_coverage * 100) / 100,
			"threshold_percent": _minimum,
			"missing_licensing": _facts.missing_licensing,
			"missing_copyright": _facts.missing_copyright,
			"reuse_adopted": reuse.adopted,
		},
	)
}

_percent_text(value) := sprintf("%v", [round(value * 10) / 10])

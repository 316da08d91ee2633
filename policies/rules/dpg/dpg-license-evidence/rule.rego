# METADATA
# title: "Indicator 2: evidence of where each licence is stated"
# description: |
#   Naming a licence is not enough: reviewers check where the project states
#   it. Each licence in the record needs a link (licenseURL) to the licence
#   file in the repository or to a public page that applies it to this
#   project. In a repository, a licence file (LICENSE, COPYING, LICENSES/...)
#   is that evidence itself.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 2, and its evidence question
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard-questions.md
# custom:
#   severity: info
#   indicator: "2"
#   profiles: [dpg-standard]
#   remediation: |
#     Fill in licenseURL for every licence in the record with the address of the
#     licence file (for example https://github.com/ORG/REPO/blob/main/LICENSE) or
#     of the page that states the licence, or add the licence file to the
#     repository.
package dpgcheck.rules.dpg["dpg-license-evidence"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the nominee record (data.dpgcheck.lib.dpg).
findings contains dpg.on_nominee_record(finding) if some finding in _reported

_licence_files := [f.path | some kind in ["license", "license_text"]; some f in object.get(input, ["files", "inventory", kind], [])]

_reported contains finding if {
	count(_licence_files) == 0
	some i, entry in input.dpg.licenses
	not entry.url
	finding := result.insufficient_evidence(
		sprintf("Indicator 2 (licence evidence): license[%d] (%s) has no licenseURL showing where the project states it, and no licence file was found", [i, _shown(entry.spdx)]),
		{"index": i, "spdx": entry.spdx, "license_files": []},
	)
}

_shown(spdx) := spdx if spdx != null
else := "no SPDX id"

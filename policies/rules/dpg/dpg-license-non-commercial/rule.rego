# METADATA
# title: "Indicator 2: content licensed for non-commercial use only"
# description: |
#   The DPGA accepts Creative Commons non-commercial licences (CC-BY-NC,
#   CC-BY-NC-SA) for content collections, but encourages licences that allow
#   commercial reuse and derivatives (CC-BY, CC-BY-SA) or a CC0 dedication:
#   non-commercial terms keep many public and private adopters from reusing
#   the content. This is a warning, not a failure of the indicator.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 2 (Creative Commons licences for content)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
#   - description: Creative Commons licence types
#     ref: https://creativecommons.org/licenses/
# custom:
#   severity: warning
#   indicator: "2"
#   profiles: [dpg-standard]
#   remediation: |
#     If you can, relicense the content under CC-BY-4.0 or CC-BY-SA-4.0, or
#     dedicate it to the public domain with CC0-1.0.
package dpgcheck.rules.dpg["dpg-license-non-commercial"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result
import data.dpgcheck.licenses.dpga

# Findings point at the nominee record (data.dpgcheck.lib.dpg).
findings contains dpg.on_nominee_record(finding) if some finding in _reported

_reported contains finding if {
	"content" in input.dpg.types
	some i, entry in input.dpg.licenses
	some id in entry.analysis.ids
	dpga.categories.content.licenses[id].non_commercial == true
	finding := result.fail(
		sprintf("Indicator 2 (open licence): license[%d] %s forbids commercial reuse; it is accepted for content, but CC-BY, CC-BY-SA or CC0 let more people reuse it", [i, id]),
		{"index": i, "spdx": id},
	)
}

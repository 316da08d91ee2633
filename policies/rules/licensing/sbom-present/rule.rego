# METADATA
# title: An SBOM is available
# description: |
#   A software bill of materials lists the components a release is built from,
#   so that users can track licences and vulnerabilities through the supply chain
#   and keep using the software sustainably. This rule looks for SBOM files in
#   the repository (OpenSSF Scorecard's names such as *.spdx.json, *.spdx,
#   *.cdx.json, plus bom.json and sbom*.json; a Maven BOM pom.xml is not an SBOM)
#   and for documents given with --sbom. A CycloneDX document counts as present.
# related_resources:
#   - description: OpenSSF Scorecard SBOM check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#sbom
#   - description: NTIA, The Minimum Elements for a Software Bill of Materials (2021)
#     ref: https://www.ntia.gov/report/2021/minimum-elements-software-bill-materials-sbom
#   - description: OpenSSF SBOM Everywhere naming conventions
#     ref: https://github.com/ossf/sbom-everywhere/blob/main/reference/sbom_naming.md
# custom:
#   severity: warning
#   principle: sustainability
#   profiles: [sustainable-use, procurement-minimum, sbom-cisa-2025, sbom-bsi]
#   remediation: |
#     Generate an SPDX 2.3 SBOM in CI (for example `npm sbom --sbom-format spdx`,
#     `syft . -o spdx-json`, or `cargo sbom`), publish it with each release and
#     commit it as <name>.spdx.json, or pass it to dpgcheck with --sbom FILE.
package dpgcheck.rules.licensing["sbom-present"]

import data.dpgcheck.lib.result

findings contains finding if {
	input.sbom.count == 0
	finding := result.fail(
		"No SBOM found: no *.spdx.json, *.spdx, *.cdx.json or similar file in the repository and none given with --sbom",
		{"documents": 0, "suggested_path": "sbom.spdx.json"},
	)
}

# METADATA
# title: The DPG record follows the DPGA schemas
# description: |
#   The nominee record and the screening record must parse and must follow the
#   DPGA's published JSON schemas (required fields, field types, the SDG numbers
#   and the licence ids the registry accepts). Each problem is reported with the
#   file and the JSON path of the offending value, so it can be fixed without
#   guessing. A record that breaks the schema would be rejected by the
#   registry's own checks.
# related_resources:
#   - description: DPGA nominee record schema
#     ref: https://github.com/DPGAlliance/publicgoods-candidates/blob/a1d99f08b175143bb562f7377beefb1de41a6186/nominee-schema.json
#   - description: DPGA screening record schema
#     ref: https://github.com/DPGAlliance/publicgoods-candidates/blob/a1d99f08b175143bb562f7377beefb1de41a6186/screening-schema.json
# custom:
#   severity: info
#   profiles: [dpg-standard]
#   remediation: |
#     Open the file named in the finding and fix the value at the JSON path given
#     ($ is the top of the document, $.license[0].spdx the spdx field of the first
#     licence). Field names are case-sensitive (evidenceURL, not evidenceurl).
package dpgcheck.rules.dpg["dpg-record-schema"]

import data.dpgcheck.lib.result

findings contains finding if {
	some error in input.dpg.errors
	finding := result.fail_at(
		sprintf("%s record %s: %s", [error.document, error.path, error.message]),
		{"document": error.document, "json_path": error.path},
		{"path": error.file},
	)
}

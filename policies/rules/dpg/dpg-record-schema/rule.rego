# METADATA
# title: The DPG record follows the DPGA schemas
# description: |
#   The nominee record and the screening record must parse and must follow the
#   DPGA's published JSON schemas (required fields, field types, the SDG numbers
#   and the licence ids the registry accepts). Each problem is reported with the
#   file and the JSON path of the offending value, so it can be fixed without
#   guessing. A record that breaks the schema would be rejected by the
#   registry's own checks. Errors that match an entry of the threshold
#   dpga_schema_ignored_errors (document, a regular expression over the JSON
#   path, keyword) are not reported: by default the nominee schema's licence
#   enum, which lists only the SPDX ids of 2020-22 (dpg-open-license judges the
#   licence itself).
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

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

# An error is ignored when an entry of dpga_schema_ignored_errors names its document, matches
# its JSON path and names its keyword. Parse errors carry no keyword (nor do facts before 3.0,
# whose collector left the licence enum errors out itself): they are always reported.
_ignored(error) if {
	some entry in config.threshold("dpga_schema_ignored_errors")
	entry.document == error.document
	entry.keyword == error.keyword
	regex.match(entry.path, error.path)
}

findings contains finding if {
	some error in input.dpg.errors
	not _ignored(error)
	finding := result.fail_at(
		sprintf("%s record %s: %s", [error.document, error.path, error.message]),
		{"document": error.document, "json_path": error.path},
		{"path": error.file},
	)
}

# METADATA
# title: The repository declares its DPG metadata
# description: |
#   A project that wants to be recognised as a Digital Public Good keeps the
#   answers the DPGA asks for next to its code, in dpg.json or dpg.yaml at the
#   repository root: the DPGA nominee record (name, description, licences, SDGs,
#   solution type, organisations) and, optionally, the screening answers for
#   indicators 3 to 9. Without that file most indicators can only be reported
#   as insufficient evidence. Registry records (--record) always have it.
# related_resources:
#   - description: DPGA nominee record schema
#     ref: https://github.com/DPGAlliance/publicgoods-candidates/blob/a1d99f08b175143bb562f7377beefb1de41a6186/nominee-schema.json
#   - description: dpgcheck, DPG metadata in a repository
#     ref: https://github.com/dpgcheck/dpgcheck/blob/main/docs/dpg.md
# custom:
#   severity: info
#   profiles: [dpg-standard]
#   remediation: |
#     Add dpg.json (or dpg.yaml) at the repository root with the DPGA nominee
#     fields (name, description, license, SDGs, type, organizations, stage) and,
#     for indicators 3-9, the screening fields (clearOwnership,
#     platformIndependence, documentation, NonPII, privacy, standards,
#     doNoHarm). docs/dpg.md has a complete example.
package dpgcheck.rules.dpg["dpg-metadata-present"]

import data.dpgcheck.lib.result

findings contains finding if {
	not input.dpg.present
	finding := result.fail(
		"No DPG metadata: add dpg.json (or dpg.yaml) at the repository root with the DPGA nominee record and, for indicators 3-9, the screening answers",
		{"searched": ["dpg.json", "dpg.yaml", "dpg.yml"], "suggested_path": "dpg.json"},
	)
}

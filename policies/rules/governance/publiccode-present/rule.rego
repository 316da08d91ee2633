# METADATA
# title: A publiccode.yml describes the software
# description: |
#   publiccode.yml is the metadata file that public-sector software catalogues
#   (Italy's Developers Italia, Germany's openCode, the Netherlands' developer
#   portal, the EU Open Source Solutions Catalogue) read to find, describe and
#   compare software: its status, licence, maintenance arrangement, languages
#   and who uses and funds it. Governments looking for software to share or
#   procure find it through these catalogues. The file must sit at the
#   repository root.
# related_resources:
#   - description: publiccode.yml standard
#     ref: https://yml.publiccode.tools/
#   - description: Standard for Public Code 0.8.1, criterion "Make the codebase findable" (machine-readable metadata)
#     ref: https://standard.publiccode.net/criteria/findability.html
# custom:
#   severity: warning
#   principle: findability
#   remediation: |
#     Add publiccode.yml at the repository root (start from the standard's
#     minimal example or its online editor) and check it with
#     `dpgcheck check --profile joint-governance`.
#   profiles: [joint-governance]
package dpgcheck.rules.governance["publiccode-present"]

import data.dpgcheck.lib.result

default not_applicable := false

not_applicable if not input.publiccode

findings contains finding if {
	input.publiccode.present == false
	finding := result.fail(
		"No publiccode.yml at the repository root: add one so public-sector software catalogues can find and describe the software",
		{
			"suggested_path": "publiccode.yml",
			"searched": ["publiccode.yml", "publiccode.yaml"],
			"found_elsewhere": object.get(input.publiccode, "elsewhere", []),
		},
	)
}

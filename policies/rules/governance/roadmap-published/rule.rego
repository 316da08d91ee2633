# METADATA
# title: A public roadmap is published
# description: |
#   A public roadmap lets the organisations that use and fund a codebase see
#   where it is going and shape it together; for governments it is the basis
#   for planning adoption and joint investment. The rule accepts a ROADMAP
#   file (root, .github/, docs/ or doc/), a roadmap URL in publiccode.yml, or
#   a roadmap section or link in the README or governance documents.
# related_resources:
#   - description: Standard for Public Code 0.8.1, criterion "Welcome contributors" (publish a roadmap)
#     ref: https://standard.publiccode.net/criteria/welcome-contributors.html
#   - description: publiccode.yml standard, roadmap
#     ref: https://yml.publiccode.tools/schema.core.html
# custom:
#   severity: warning
#   principle: governance
#   remediation: |
#     Publish the roadmap: add ROADMAP.md, a Roadmap section in README.md that
#     links to the project board or milestones, or a roadmap URL in
#     publiccode.yml.
#   profiles: [joint-governance]
package dpgcheck.rules.governance["roadmap-published"]

import data.dpgcheck.lib.result

default not_applicable := false

not_applicable if not input.governance

_sources contains "roadmap_file" if count(input.governance.documents.roadmap) > 0

_sources contains "publiccode_roadmap" if is_string(input.publiccode.fields.roadmap)

_sources contains "roadmap_section" if count(input.governance.topics.roadmap) > 0

findings contains finding if {
	input.governance
	count(_sources) == 0
	finding := result.fail(
		"No public roadmap found: add ROADMAP.md, a Roadmap section in the README, or a roadmap URL in publiccode.yml",
		{"suggested_path": "ROADMAP.md", "searched": ["ROADMAP file", "publiccode.yml roadmap", "roadmap section in the README and governance documents"]},
	)
}

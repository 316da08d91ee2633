# METADATA
# title: Funding is transparent
# description: |
#   Sustainable use of open source starts with knowing who pays for the work.
#   The rule looks for any public statement of funding: a .github/FUNDING.yml
#   that names at least one platform, fundedBy organisations in
#   publiccode.yml, or a funding or sponsorship section in the README,
#   GOVERNANCE or another community document. It fails when none is found.
#   Funding is often published outside the repository (the steward's
#   website, an annual report). What counts is what the repository gives an
#   adopter: a Funding or Sponsors section counts even when it only links to
#   that page (dpgcheck does not follow the link); a page that nothing in the
#   repository points to does not count, because a reader of the repository
#   cannot find it. The real-repository review (docs/real-repositories.md)
#   grades this rule's findings as judgement calls for that reason.
# related_resources:
#   - description: G20/T20 brief, recommendations 2 and 3 (funding principles; sustainable open-source use)
#     ref: https://www.t20brasil.org/
#   - description: publiccode.yml standard, fundedBy
#     ref: https://yml.publiccode.tools/schema.core.html
#   - description: GitHub, displaying a sponsor button (FUNDING.yml)
#     ref: https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/displaying-a-sponsor-button-in-your-repository
# custom:
#   severity: warning
#   principle: funding
#   remediation: |
#     Say who funds the project and how others can contribute: a Funding
#     section in README.md or GOVERNANCE.md, fundedBy in publiccode.yml, or a
#     .github/FUNDING.yml naming the platforms that accept support.
#   profiles: [joint-governance, sustainable-use]
package dpgcheck.rules.governance["funding-transparent"]

import data.dpgcheck.lib.result

default not_applicable := false

not_applicable if not input.governance

_sources contains "funding_file" if count(input.governance.funding.platforms) > 0

_sources contains "publiccode_funded_by" if input.publiccode.fields.funded_by_count > 0

_sources contains "funding_section" if count(input.governance.topics.funding) > 0

findings contains finding if {
	input.governance
	count(_sources) == 0
	finding := result.fail(
		"No statement of funding found: say who funds the project (a Funding section, fundedBy in publiccode.yml or .github/FUNDING.yml)",
		{
			"funding_file": input.governance.funding.path,
			"publiccode": object.get(input, ["publiccode", "path"], null),
			"searched": ["funding section in the README and governance documents", "publiccode.yml fundedBy", ".github/FUNDING.yml"],
		},
	)
}

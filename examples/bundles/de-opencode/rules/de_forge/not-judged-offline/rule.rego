# METADATA
# title: openCode criteria that need the forge are not judged offline
# description: |
#   Several openCode badge criteria need the forge's API or data that a clone does not
#   carry: issue response time under seven days, a protected main branch without
#   force-push, at least 75 % of merge requests reviewed by a maintainer, a bus factor
#   of at least two over six months, and at least 80 % of the last six months' tags
#   signed (dpgcheck does not read tag signatures yet). dpgcheck never reports them as
#   passed: this rule always records them as insufficient evidence.
# related_resources:
#   - description: openCode badges (opencode.de), maintenance and security levels 1-3
#     ref: https://opencode.de
# custom:
#   severity: info
#   remediation: Judge these criteria on the forge itself (openCode shows the badges), or attach the evidence to the procurement file.
#   profiles: [de-opencode]
package dpgcheck.rules.de_forge["de.not-judged-offline"]

import data.dpgcheck.lib.result

_criteria := [
	"issue response time under 7 days (issues of the last 3 months)",
	"main branch protected, no force-push",
	"at least 75 % of merge requests reviewed by a maintainer",
	"bus factor of at least 2 over 6 months",
	"at least 80 % of the tags of the last 6 months signed",
]

findings contains finding if {
	some criterion in _criteria
	finding := result.insufficient_evidence(
		sprintf("not judged offline (needs the forge or data a clone lacks): %s", [criterion]),
		{"criterion": criterion},
	)
}

# METADATA
# title: The security policy states response and disclosure times
# description: |
#   Reporters and adopters need to know how soon a vulnerability report is
#   acknowledged and when it will be disclosed; a procurement officer uses
#   these commitments to judge the risk of adopting a codebase. The rule
#   reads the security policy (when there is one) and looks for a stated time
#   span (such as "within 3 business days" or "90 days") next to words about
#   responding, fixing or disclosing.
# related_resources:
#   - description: OpenSSF Best Practices badge, vulnerability_report_response
#     ref: https://www.bestpractices.dev/en/criteria/0#0.vulnerability_report_response
#   - description: CERT Guide to Coordinated Vulnerability Disclosure
#     ref: https://certcc.github.io/CERT-Guide-to-CVD/
# custom:
#   severity: info
#   principle: security
#   remediation: |
#     State in SECURITY.md how soon you acknowledge a report (for example
#     within 3 business days), how you keep the reporter informed, and your
#     disclosure deadline (for example 90 days).
#   profiles: [procurement-minimum, sustainable-use]
package dpgcheck.rules.community["security-disclosure-timeline"]

import data.dpgcheck.lib.result

default not_applicable := false

not_applicable if not input.governance

not_applicable if input.governance.security.path == null

_security := input.governance.security

findings contains finding if {
	_security.path != null
	not _security.disclosure_timeline
	finding := result.fail_at(
		sprintf("%s states no response or disclosure time: say how soon reports are acknowledged and when they are disclosed", [_security.path]),
		{"disclosure_timeline": false, "supported_versions": _security.supported_versions},
		{"path": _security.path, "line": 1},
	)
}

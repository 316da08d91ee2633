# METADATA
# title: The security policy gives a private way to report vulnerabilities
# description: |
#   A security policy that sends reporters to the public issue tracker
#   discloses vulnerabilities before they are fixed. Governments adopting a
#   codebase need a closed channel for security reports. The rule reads the
#   security policy (when there is one; its presence is the security-policy
#   rule's concern) and expects a private channel of a kind listed in
#   security_private_channel_kinds: an e-mail address, the forge's private
#   vulnerability reporting (security advisories), a bug-bounty platform or
#   programme, or a form (a web form, a service-desk or help-desk portal, or
#   any link that the policy's words say reports go through privately). A
#   link to the public issue tracker is never a private channel. Only the
#   kind is recorded, never the address. Evidence published outside the
#   repository counts when the policy links to it as the private route: the
#   link is the evidence, dpgcheck does not follow it.
# related_resources:
#   - description: Standard for Public Code 0.8.1, criterion "Make contributing easy" (closed channel for security reports)
#     ref: https://standard.publiccode.net/criteria/make-contributing-easy.html
#   - description: OpenSSF Best Practices badge, vulnerability_report_private
#     ref: https://www.bestpractices.dev/en/criteria/0#0.vulnerability_report_private
# custom:
#   severity: warning
#   principle: security
#   remediation: |
#     In SECURITY.md, tell reporters how to reach you privately: enable the
#     forge's private vulnerability reporting and link to it, or give a
#     security e-mail address (with an encryption key if you can), and ask
#     them not to open public issues.
#   profiles: [joint-governance, procurement-minimum, sustainable-use]
package dpgcheck.rules.community["security-private-reporting"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

default not_applicable := false

not_applicable if not input.governance

not_applicable if input.governance.security.path == null

_security := input.governance.security

_accepted := [kind | some kind in _security.private_channels; kind in config.threshold("security_private_channel_kinds")]

findings contains finding if {
	_security.path != null
	count(_accepted) == 0
	finding := result.fail_at(
		sprintf("%s gives no private way to report a vulnerability: name a security e-mail address or the forge's private vulnerability reporting", [_security.path]),
		{"channels": _security.private_channels, "accepted_kinds": config.threshold("security_private_channel_kinds")},
		{"path": _security.path, "line": 1},
	)
}

# Without the threshold the rule cannot judge: say so rather than pass silently.
findings contains finding if {
	_security.path != null
	not config.threshold("security_private_channel_kinds")
	finding := result.insufficient_evidence(
		"The threshold security_private_channel_kinds is not set in data.dpgcheck.config (or the profile): this rule cannot judge",
		{"threshold": "security_private_channel_kinds"},
	)
}

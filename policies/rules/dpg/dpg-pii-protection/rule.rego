# METADATA
# title: "Indicator 9a: privacy and security of personal data"
# description: |
#   Applies when the solution collects, stores or distributes personally
#   identifiable information (PII). Then it must show how it keeps that data
#   private, secure and intact, and what it does to prevent harm from
#   collecting, storing and sharing it. The record must answer Yes and
#   describe the measures; in a repository, a security policy is direct
#   evidence. When the record says no PII is handled, the indicator does not
#   apply; a No on protection fails.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 9a (data privacy and security)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
# custom:
#   severity: info
#   indicator: 9a
#   profiles: [dpg-standard]
#   remediation: |
#     Answer doNoHarm.dataPrivacySecurity.collectsPII. If "Yes", list the types
#     of personal data, protect them (access control, encryption, retention
#     limits, a vulnerability-reporting process in SECURITY.md), set
#     ensurePrivacySecurity to "Yes" and describe the measures, with links to the
#     privacy policy, in privacySecurityDescription.
package dpgcheck.rules.dpg["dpg-pii-protection"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the screening answers (data.dpgcheck.lib.dpg).
findings contains dpg.on_screening_answers(finding) if some finding in _reported

_answers := object.get(input, ["dpg", "screening", "do_no_harm", "pii"], {})

_collects := object.get(_answers, "collects", "missing")

_ensures := object.get(_answers, "ensures_privacy_security", "missing")

_described := object.get(_answers, "description", false)

_security_policies := [f.path | some f in object.get(input, ["files", "inventory", "security_policy"], [])]

_evidence := {"collects_pii": _collects, "ensures_privacy_security": _ensures, "description": _described, "security_policy": _security_policies}

not_applicable if _collects == "no"

_reported contains finding if {
	dpg.unclear_answers[_collects]
	count(_security_policies) == 0
	finding := result.insufficient_evidence(
		sprintf("Indicator 9a (personal data): whether the solution collects, stores or distributes personal data is %s (doNoHarm.dataPrivacySecurity.collectsPII) and no security policy was found", [dpg.unclear_answers[_collects]]),
		_evidence,
	)
}

_reported contains finding if {
	_collects == "yes"
	_ensures == "no"
	finding := result.fail(
		"Indicator 9a (personal data): the solution handles personal data, and the record says it does not ensure its privacy, security and integrity (doNoHarm.dataPrivacySecurity.ensurePrivacySecurity: No)",
		_evidence,
	)
}

_reported contains finding if {
	_collects == "yes"
	_ensures != "no"
	not _protection_shown
	finding := result.insufficient_evidence(
		sprintf("Indicator 9a (personal data): the solution handles personal data; its protection is %s and no security policy was found", [_protection_gap]),
		_evidence,
	)
}

_protection_shown if {
	_ensures == "yes"
	_described
}

_protection_shown if count(_security_policies) > 0

_protection_gap := sprintf("%s (ensurePrivacySecurity)", [dpg.unclear_answers[_ensures]]) if dpg.unclear_answers[_ensures]
else := "claimed but not described (privacySecurityDescription is empty)"

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
findings contains dpg.on_screening_answers(finding) if some finding in reported

answers := object.get(input, ["dpg", "screening", "do_no_harm", "pii"], {})

collects := object.get(answers, "collects", "missing")

ensures := object.get(answers, "ensures_privacy_security", "missing")

described := object.get(answers, "description", false)

security_policies := [f.path | some f in object.get(input, ["files", "inventory", "security_policy"], [])]

evidence := {"collects_pii": collects, "ensures_privacy_security": ensures, "description": described, "security_policy": security_policies}

not_applicable if collects == "no"

reported contains finding if {
	dpg.unclear_answers[collects]
	count(security_policies) == 0
	finding := result.insufficient_evidence(
		sprintf("Indicator 9a (personal data): whether the solution collects, stores or distributes personal data is %s (doNoHarm.dataPrivacySecurity.collectsPII) and no security policy was found", [dpg.unclear_answers[collects]]),
		evidence,
	)
}

reported contains finding if {
	collects == "yes"
	ensures == "no"
	finding := result.fail(
		"Indicator 9a (personal data): the solution handles personal data, and the record says it does not ensure its privacy, security and integrity (doNoHarm.dataPrivacySecurity.ensurePrivacySecurity: No)",
		evidence,
	)
}

reported contains finding if {
	collects == "yes"
	ensures != "no"
	not protection_shown
	finding := result.insufficient_evidence(
		sprintf("Indicator 9a (personal data): the solution handles personal data; its protection is %s and no security policy was found", [protection_gap]),
		evidence,
	)
}

protection_shown if {
	ensures == "yes"
	described
}

protection_shown if count(security_policies) > 0

protection_gap := sprintf("%s (ensurePrivacySecurity)", [dpg.unclear_answers[ensures]]) if dpg.unclear_answers[ensures]
else := "claimed but not described (privacySecurityDescription is empty)"

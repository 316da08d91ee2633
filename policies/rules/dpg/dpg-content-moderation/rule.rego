# METADATA
# title: "Indicator 9b: inappropriate and illegal content"
# description: |
#   Applies when the solution collects, stores or distributes content. Then it
#   needs a policy that says what content is inappropriate or illegal (child
#   sexual abuse material, for example) and processes to detect, moderate,
#   report and remove it. The record must answer Yes to both and link the
#   policy or describe the process. When the record says no content is
#   handled, the indicator does not apply; a No to either part fails.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 9b (inappropriate and illegal content)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
# custom:
#   severity: info
#   indicator: 9b
#   profiles: [dpg-standard]
#   remediation: |
#     Answer doNoHarm.inappropriateIllegalContent.collectStoreDistribute. If
#     "Yes", publish a content policy that defines inappropriate and illegal
#     content (contentFilter "Yes", policyGuidelinesDocumentationLink) and set up
#     detection, reporting and removal with a stated response time
#     (illegalContentDetection "Yes", illegalContentDetectionMechanism).
package dpgcheck.rules.dpg["dpg-content-moderation"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result

# Findings point at the screening answers (data.dpgcheck.lib.dpg).
findings contains dpg.on_screening_answers(finding) if some finding in _reported

_answers := object.get(input, ["dpg", "screening", "do_no_harm", "content"], {})

_handles := object.get(_answers, "handles", "missing")

_policy := object.get(_answers, "policy", "missing")

_detection := object.get(_answers, "detection", "missing")

_documented if object.get(_answers, "policy_link", false) == true

_documented if object.get(_answers, "mechanism", false) == true

_evidence := {
	"handles_content": _handles, "policy": _policy, "detection": _detection,
	"policy_link": object.get(_answers, "policy_link", false), "mechanism": object.get(_answers, "mechanism", false),
}

not_applicable if _handles == "no"

_reported contains finding if {
	dpg.unclear_answers[_handles]
	finding := result.insufficient_evidence(
		sprintf("Indicator 9b (inappropriate and illegal content): whether the solution collects, stores or distributes content is %s (doNoHarm.inappropriateIllegalContent.collectStoreDistribute)", [dpg.unclear_answers[_handles]]),
		_evidence,
	)
}

_reported contains finding if {
	_handles == "yes"
	some part in _parts
	part.answer == "no"
	finding := result.fail(
		sprintf("Indicator 9b (inappropriate and illegal content): the solution handles content, and the record says it has no %s (%s: No)", [part.what, part.field]),
		_evidence,
	)
}

_reported contains finding if {
	_handles == "yes"
	some part in _parts
	dpg.unclear_answers[part.answer]
	finding := result.insufficient_evidence(
		sprintf("Indicator 9b (inappropriate and illegal content): the solution handles content; whether it has a %s is %s (%s)", [part.what, dpg.unclear_answers[part.answer], part.field]),
		_evidence,
	)
}

_reported contains finding if {
	_handles == "yes"
	_policy == "yes"
	_detection == "yes"
	not _documented
	finding := result.insufficient_evidence(
		"Indicator 9b (inappropriate and illegal content): a content policy and moderation process are claimed, but neither a policy link nor a description is given (policyGuidelinesDocumentationLink, illegalContentDetectionMechanism)",
		_evidence,
	)
}

_parts := [
	{"what": "policy defining inappropriate and illegal content", "field": "contentFilter", "answer": _policy},
	{"what": "process to detect, moderate, report and remove such content", "field": "illegalContentDetection", "answer": _detection},
]

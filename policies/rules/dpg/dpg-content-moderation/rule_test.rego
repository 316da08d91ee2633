package dpgcheck.rules.dpg["dpg-content-moderation_test"]

import data.dpgcheck.rules.dpg["dpg-content-moderation"] as rule
import data.dpgcheck.test.dpg.fixtures

with_answers(record, answers) := object.union(record, {"screening": object.union(record.screening, {"do_no_harm": object.union(record.screening.do_no_harm, {"content": answers})})})

# kolibri distributes content and answered No to detection and moderation.
test_fail_real_record_no_moderation if {
	rule.findings == {{
		"message": "Indicator 9b (inappropriate and illegal content): the solution handles content, and the record says it has no process to detect, moderate, report and remove such content (illegalContentDetection: No)",
		"location": {"path": "digitalpublicgoods/kolibri.json"},
		"evidence": {"detection": "no", "handles_content": "yes", "mechanism": true, "policy": "yes", "policy_link": true},
	}} with input as {"dpg": fixtures.kolibri}
}

# uwazi answered No to a content policy.
test_fail_real_record_no_policy if {
	rule.findings == {{
		"message": "Indicator 9b (inappropriate and illegal content): the solution handles content, and the record says it has no policy defining inappropriate and illegal content (contentFilter: No)",
		"location": {"path": "digitalpublicgoods/uwazi.json"},
		"evidence": {"detection": "yes", "handles_content": "yes", "mechanism": true, "policy": "no", "policy_link": false},
	}} with input as {"dpg": fixtures.uwazi}
}

test_fail_follow_ups_not_answered if {
	rule.findings == {
		{
			"message": "Indicator 9b (inappropriate and illegal content): the solution handles content; whether it has a policy defining inappropriate and illegal content is not answered (contentFilter)",
			"location": {"path": "digitalpublicgoods/aam-digital.json"},
			"evidence": {"detection": "unknown", "handles_content": "yes", "mechanism": false, "policy": "missing", "policy_link": false},
			"outcome": "insufficient_evidence",
		},
		{
			"message": "Indicator 9b (inappropriate and illegal content): the solution handles content; whether it has a process to detect, moderate, report and remove such content is answered Unknown (illegalContentDetection)",
			"location": {"path": "digitalpublicgoods/aam-digital.json"},
			"evidence": {"detection": "unknown", "handles_content": "yes", "mechanism": false, "policy": "missing", "policy_link": false},
			"outcome": "insufficient_evidence",
		},
	} with input as {"dpg": with_answers(fixtures.aam_digital, {"handles": "yes", "policy": "missing", "policy_link": false, "detection": "unknown", "mechanism": false})}
}

test_fail_claims_without_policy_or_description if {
	rule.findings == {{
		"message": "Indicator 9b (inappropriate and illegal content): a content policy and moderation process are claimed, but neither a policy link nor a description is given (policyGuidelinesDocumentationLink, illegalContentDetectionMechanism)",
		"location": {"path": "digitalpublicgoods/aam-digital.json"},
		"evidence": {"detection": "yes", "handles_content": "yes", "mechanism": false, "policy": "yes", "policy_link": false},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": with_answers(fixtures.aam_digital, {"handles": "yes", "policy": "yes", "policy_link": false, "detection": "yes", "mechanism": false})}
}

test_fail_no_dpg_metadata if {
	rule.findings == {{
		"message": "Indicator 9b (inappropriate and illegal content): whether the solution collects, stores or distributes content is not answered (doNoHarm.inappropriateIllegalContent.collectStoreDistribute)",
		"evidence": {"detection": "missing", "handles_content": "missing", "mechanism": false, "policy": "missing", "policy_link": false},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.absent}
}

# storyweaver distributes children's books with a policy and moderation.
test_success_real_record if {
	rule.findings == set() with input as {"dpg": fixtures.storyweaver}
	not rule.not_applicable with input as {"dpg": fixtures.storyweaver}
}

test_success_real_record_not_applicable if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
	rule.not_applicable with input as {"dpg": fixtures.aam_digital}
}

package dpgcheck.lib.result_test

import data.dpgcheck.lib.result

test_success_fail_is_message_and_evidence if {
	result.fail("no licence", {"searched": ["LICENSE"]}) == {"message": "no licence", "evidence": {"searched": ["LICENSE"]}}
}

test_success_fail_at_adds_the_location if {
	result.fail_at("bad header", {}, {"path": "a.py", "line": 3}) == {
		"message": "bad header",
		"evidence": {},
		"location": {"path": "a.py", "line": 3},
	}
}

test_success_insufficient_evidence_sets_the_outcome if {
	result.insufficient_evidence("no history", {"shallow": true}) == {
		"message": "no history",
		"evidence": {"shallow": true},
		"outcome": "insufficient_evidence",
	}
}

test_success_insufficient_evidence_at_sets_outcome_and_location if {
	result.insufficient_evidence_at("unreadable", {"size": 0}, {"path": "dpg.json"}) == {
		"message": "unreadable",
		"evidence": {"size": 0},
		"location": {"path": "dpg.json"},
		"outcome": "insufficient_evidence",
	}
}

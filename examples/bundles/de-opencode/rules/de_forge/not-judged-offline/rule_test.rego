package dpgcheck.rules.de_forge["de.not-judged-offline_test"]

import data.dpgcheck.rules.de_forge["de.not-judged-offline"] as rule

test_fail_forge_criteria_are_never_passed if {
	count(rule.findings) == 5
	every f in rule.findings {
		f.outcome == "insufficient_evidence"
	}
	{"outcome": "insufficient_evidence", "message": "not judged offline (needs the forge or data a clone lacks): main branch protected, no force-push", "evidence": {"criterion": "main branch protected, no force-push"}} in rule.findings
}

test_success_is_impossible_by_design if {
	not rule.findings == set()
}

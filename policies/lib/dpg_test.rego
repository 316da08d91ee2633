package dpgcheck.lib.dpg_test

import data.dpgcheck.lib.dpg

finding := {"message": "m", "evidence": {}}

test_success_nominee_record_is_the_first_file if {
	dpg.on_nominee_record(finding) == {"message": "m", "evidence": {}, "location": {"path": "nominee.json"}} with input.dpg.files as ["nominee.json", "screening.json"]
}

test_success_screening_answers_are_the_last_file if {
	dpg.on_screening_answers(finding) == {"message": "m", "evidence": {}, "location": {"path": "screening.json"}} with input.dpg.files as ["nominee.json", "screening.json"]
}

test_success_one_file_holds_both if {
	dpg.on_nominee_record(finding) == dpg.on_screening_answers(finding) with input.dpg.files as ["dpg.json"]
	dpg.on_screening_answers(finding).location == {"path": "dpg.json"} with input.dpg.files as ["dpg.json"]
}

test_fail_no_record_file_gives_no_location if {
	dpg.on_nominee_record(finding) == finding with input.dpg as {"present": false}
	dpg.on_screening_answers(finding) == finding with input.dpg.files as []
}

test_success_unclear_answers_are_worded if {
	dpg.unclear_answers == {"unknown": "answered Unknown", "missing": "not answered", "other": "answered with neither Yes nor No"}
	not "yes" in object.keys(dpg.unclear_answers)
	not "no" in object.keys(dpg.unclear_answers)
}

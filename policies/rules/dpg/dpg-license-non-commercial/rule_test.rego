package dpgcheck.rules.dpg["dpg-license-non-commercial_test"]

import data.dpgcheck.rules.dpg["dpg-license-non-commercial"] as rule
import data.dpgcheck.test.dpg.fixtures

# gdl-radio, a content DPG, is under CC-BY-NC-SA-4.0.
test_fail_real_non_commercial_content if {
	rule.findings == {{
		"message": "Indicator 2 (open licence): license[0] CC-BY-NC-SA-4.0 forbids commercial reuse; it is accepted for content, but CC-BY, CC-BY-SA or CC0 let more people reuse it",
		"location": {"path": "nominees/gdl-radio.json"},
		"evidence": {"index": 0, "spdx": "CC-BY-NC-SA-4.0"},
	}} with input as {"dpg": fixtures.gdl_radio}
}

test_success_real_content_under_cc_by if {
	rule.findings == set() with input as {"dpg": fixtures.storyweaver}
}

test_success_software_only if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
}

test_success_no_metadata if {
	rule.findings == set() with input as {"dpg": fixtures.absent}
}

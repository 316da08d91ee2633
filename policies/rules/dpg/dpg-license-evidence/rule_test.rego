package dpgcheck.rules.dpg["dpg-license-evidence_test"]

import data.dpgcheck.rules.dpg["dpg-license-evidence"] as rule
import data.dpgcheck.test.dpg.fixtures

without_urls := object.union(fixtures.storyweaver, {"licenses": [object.union(l, {"url": false}) | some l in fixtures.storyweaver.licenses]})

test_fail_registry_record_without_licence_urls if {
	rule.findings == {
		{
			"message": "Indicator 2 (licence evidence): license[0] (CC-BY-4.0) has no licenseURL showing where the project states it, and no licence file was found",
			"location": {"path": "nominees/storyweaver.json"},
			"evidence": {"index": 0, "spdx": "CC-BY-4.0", "license_files": []},
			"outcome": "insufficient_evidence",
		},
		{
			"message": "Indicator 2 (licence evidence): license[1] (MIT) has no licenseURL showing where the project states it, and no licence file was found",
			"location": {"path": "nominees/storyweaver.json"},
			"evidence": {"index": 1, "spdx": "MIT", "license_files": []},
			"outcome": "insufficient_evidence",
		},
	} with input as {"dpg": without_urls}
}

test_success_real_record_with_urls if {
	rule.findings == set() with input as {"dpg": fixtures.storyweaver}
}

test_success_licence_file_in_repository if {
	rule.findings == set() with input as {
		"dpg": without_urls,
		"files": {"inventory": {"license": [{"path": "LICENSE", "location": "root", "size": 11357}], "license_text": []}},
	}
}

test_success_no_metadata_is_judged_by_dpg_open_license if {
	rule.findings == set() with input as {"dpg": fixtures.absent}
}

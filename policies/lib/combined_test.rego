package dpgcheck.lib.combined_test

import data.dpgcheck.lib.combined

gpl_text := {"path": "COPYING", "spdx_id": "GPL-3.0-only", "match": "full", "candidates": ["GPL-3.0-only", "GPL-3.0-or-later"], "or_later": null, "third_party": false}

or_later_notice := {"path": "LICENSE", "spdx_id": "GPL-3.0-or-later", "match": "notice", "candidates": ["GPL-3.0-or-later"], "or_later": true, "third_party": false}

lgpl_text := {"path": "COPYING.LESSER", "spdx_id": "LGPL-3.0-only", "match": "full", "candidates": ["LGPL-3.0-only", "LGPL-3.0-or-later"], "or_later": null, "third_party": false}

vendored := {"path": "LICENSE-THIRD-PARTY.txt", "spdx_id": "MIT", "match": "full", "candidates": ["MIT"], "or_later": null, "third_party": true}

test_success_or_later_notice_widens_the_gpl_text if {
	combined.combined == {
		"ids": ["GPL-3.0-or-later"],
		"inferences": [{"kind": "or-later", "id": "GPL-3.0-or-later", "from": ["COPYING", "LICENSE"]}],
		"analysis": {
			"expression": "GPL-3.0-or-later", "normalized": "GPL-3.0-or-later", "valid": true, "error": null,
			"ids": ["GPL-3.0-or-later"], "exceptions": [], "unknown": [], "license_refs": [], "deprecated": [],
			"dnf": [["GPL-3.0-or-later"]],
		},
	} with input.licenses.detected as [gpl_text, or_later_notice]
}

test_fail_no_widening_when_the_configuration_says_no if {
	combined.ids == ["GPL-3.0-only", "GPL-3.0-or-later"] with input.licenses.detected as [gpl_text, or_later_notice]
		with data.dpgcheck.config.thresholds.license_or_later_notice_widens as false
	combined.inferences == [] with input.licenses.detected as [gpl_text, or_later_notice]
		with data.dpgcheck.config.thresholds.license_or_later_notice_widens as false
}

test_success_lgpl_text_incorporates_the_gpl_one if {
	combined.ids == ["LGPL-3.0-only"] with input.licenses.detected as [gpl_text, lgpl_text, vendored]
	combined.inferences == [{"kind": "lgpl-incorporates-gpl", "id": "LGPL-3.0-only", "from": ["COPYING", "COPYING.LESSER"]}] with input.licenses.detected as [gpl_text, lgpl_text, vendored]
}

test_fail_both_texts_kept_without_the_incorporation_rule if {
	combined.ids == ["GPL-3.0-only", "LGPL-3.0-only"] with input.licenses.detected as [gpl_text, lgpl_text]
		with data.dpgcheck.config.thresholds.license_texts_incorporated as []
}

test_success_a_gpl_text_alone_is_only if {
	combined.ids == ["GPL-3.0-only"] with input.licenses.detected as [gpl_text]
	combined.analysis.dnf == [["GPL-3.0-only"]] with input.licenses.detected as [gpl_text]
}

test_success_no_licence_file_no_analysis if {
	combined.combined == {"ids": [], "inferences": [], "analysis": null} with input.licenses.detected as [vendored]
}

test_success_facts_1_x_answer_used_as_it_is if {
	legacy := {"ids": ["MIT"], "inferences": [], "analysis": null}
	combined.combined == legacy with input.licenses as {"detected": [gpl_text], "combined": legacy}
}

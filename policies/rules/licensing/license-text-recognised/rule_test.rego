package dpgcheck.rules.licensing["license-text-recognised_test"]

import data.dpgcheck.rules.licensing["license-text-recognised"] as rule

detection(path, location, named_id, spdx_id, candidates, match) := {
	"path": path, "location": location, "size": 1200, "named_id": named_id, "third_party": false, "spdx_id": spdx_id, "candidates": candidates,
	"ids": candidates, "match": match, "confidence": 1, "coverage": 0, "or_later": null,
	"additional_terms": null, "notice_kind": null, "extra_words": 0,
}

test_fail_unknown_binary_and_misnamed if {
	rule.findings == {
		{
			"message": "LICENSE does not hold a recognisable licence: its text matches no licence dpgcheck knows",
			"evidence": {"match": "unknown", "coverage": 0},
			"location": {"path": "LICENSE"},
		},
		{
			"message": "COPYING.png does not hold a recognisable licence: it could not be read as text",
			"evidence": {"match": "not_read", "coverage": 0},
			"location": {"path": "COPYING.png"},
		},
		{
			"message": "LICENSES/MIT.txt is named MIT but holds the text of Apache-2.0",
			"evidence": {"named_id": "MIT", "detected": ["Apache-2.0"], "confidence": 1},
			"location": {"path": "LICENSES/MIT.txt"},
		},
	} with input as {"licenses": {"detected": [
		detection("LICENSE", "root", null, null, [], "unknown"),
		detection("COPYING.png", "root", null, null, [], "not_read"),
		detection("LICENSES/MIT.txt", "LICENSES", "MIT", "Apache-2.0", ["Apache-2.0"], "full"),
	]}}
}

test_success_known_texts_and_custom_licence if {
	rule.findings == set() with input as {"licenses": {"detected": [
		detection("LICENSE", "root", null, "MIT", ["MIT"], "full"),
		detection("LICENSES/GPL-3.0-or-later.txt", "LICENSES", "GPL-3.0-or-later", "GPL-3.0-only", ["GPL-3.0-only", "GPL-3.0-or-later"], "full"),
		detection("LICENSES/LicenseRef-Acme.txt", "LICENSES", "LicenseRef-Acme", null, [], "unknown"),
	]}}
}

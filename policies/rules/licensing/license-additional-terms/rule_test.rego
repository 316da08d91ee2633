package dpgcheck.rules.licensing["license-additional-terms_test"]

import data.dpgcheck.rules.licensing["license-additional-terms"] as rule

detection(path, spdx_id, match, extra) := {
	"path": path, "location": "root", "size": 1200, "named_id": null, "third_party": false, "spdx_id": spdx_id, "candidates": [spdx_id],
	"ids": [spdx_id], "match": match, "confidence": 0.86, "coverage": 97.7, "or_later": null,
	"additional_terms": extra, "notice_kind": null, "extra_words": 0,
}

test_fail_inserted_clause if {
	rule.findings == {{
		"message": "LICENSE holds BSD-3-Clause with additional terms (18 words inserted): \"4. This software may not be used in the design, construction, operation or maintenance of any nuclear facility.\"",
		"evidence": {"spdx_id": "BSD-3-Clause", "position": "inserted", "words": 18, "excerpt": "4. This software may not be used in the design, construction, operation or maintenance of any nuclear facility.", "confidence": 0.86},
		"location": {"path": "LICENSE"},
	}} with input as {"licenses": {"detected": [detection("LICENSE", "BSD-3-Clause", "with_additional_terms", {
		"position": "inserted", "words": 18,
		"excerpt": "4. This software may not be used in the design, construction, operation or maintenance of any nuclear facility.",
	})]}}
}

test_success_plain_text if {
	rule.findings == set() with input as {"licenses": {"detected": [detection("LICENSE", "MIT", "full", null)]}}
}

package dpgcheck.rules.licensing["declared-license-open_test"]

import data.dpgcheck.rules.licensing["declared-license-open"] as rule

analysis(normalized, ids, dnf) := {
	"expression": normalized, "normalized": normalized, "valid": true, "error": null, "ids": ids,
	"exceptions": [], "unknown": [], "license_refs": [id | some id in ids; startswith(id, "LicenseRef-")],
	"deprecated": [], "dnf": dnf,
}

decl(source, path, field, normalized, ids, dnf) := {
	"source": source, "path": path, "field": field, "value": normalized, "kind": "spdx",
	"expression": normalized, "analysis": analysis(normalized, ids, dnf),
}

detection(path, spdx_id, candidates, match) := {
	"path": path, "location": "root", "size": 1000, "named_id": null, "third_party": false, "spdx_id": spdx_id, "candidates": candidates,
	"ids": candidates, "match": match, "confidence": 0.9, "coverage": 100, "or_later": null,
	"additional_terms": null, "notice_kind": null, "extra_words": 0,
}

test_fail_business_source_licence if {
	rule.findings == {{
		"message": "package.json (license): BUSL-1.1 is not an open licence: BUSL-1.1 is not OSI-approved, FSF-libre or an open data licence",
		"evidence": {"source": "package.json", "field": "license", "expression": "BUSL-1.1", "not_open": ["BUSL-1.1"]},
		"location": {"path": "package.json"},
	}} with input as {"licenses": {"declared": [decl("package.json", "package.json", "license", "BUSL-1.1", ["BUSL-1.1"], [["BUSL-1.1"]])], "detected": []}}
}

test_fail_and_with_non_commercial_and_licenseref if {
	rule.findings == {{
		"message": "pyproject.toml (project.license): Apache-2.0 AND CC-BY-NC-4.0 AND LicenseRef-internal is not an open licence: CC-BY-NC-4.0, LicenseRef-internal are not OSI-approved, FSF-libre or an open data licence",
		"evidence": {"source": "pyproject", "field": "project.license", "expression": "Apache-2.0 AND CC-BY-NC-4.0 AND LicenseRef-internal", "not_open": ["CC-BY-NC-4.0", "LicenseRef-internal"]},
		"location": {"path": "pyproject.toml"},
	}} with input as {"licenses": {"declared": [decl(
		"pyproject", "pyproject.toml", "project.license", "Apache-2.0 AND CC-BY-NC-4.0 AND LicenseRef-internal",
		["Apache-2.0", "CC-BY-NC-4.0", "LicenseRef-internal"], [["Apache-2.0", "CC-BY-NC-4.0", "LicenseRef-internal"]],
	)]}}
}

test_fail_nothing_declared_licence_file_not_open if {
	rule.findings == {{
		"message": "LICENSE holds BUSL-1.1, which is not an open licence (not OSI-approved, FSF-libre or an open data licence)",
		"evidence": {"source": "licence-file", "spdx_id": "BUSL-1.1", "not_open": ["BUSL-1.1"]},
		"location": {"path": "LICENSE"},
	}} with input as {"licenses": {"declared": [], "detected": [detection("LICENSE", "BUSL-1.1", ["BUSL-1.1"], "full")]}}
}

test_success_choice_with_one_open_alternative if {
	rule.findings == set() with input as {"licenses": {"declared": [decl(
		"cargo", "Cargo.toml", "package.license", "BUSL-1.1 OR MIT", ["BUSL-1.1", "MIT"], [["BUSL-1.1"], ["MIT"]],
	)]}}
}

test_success_open_data_and_dpg_record_left_to_dpg_pack if {
	rule.findings == set() with input as {"licenses": {"declared": [
		decl("publiccode", "publiccode.yml", "legal.license", "CC-BY-SA-4.0", ["CC-BY-SA-4.0"], [["CC-BY-SA-4.0"]]),
		decl("dpg-record", "dpg.json", "license[0].spdx", "BUSL-1.1", ["BUSL-1.1"], [["BUSL-1.1"]]),
	]}}
}

test_success_nothing_declared_third_party_file_not_judged if {
	rule.findings == set() with input as {"licenses": {"declared": [], "detected": [
		detection("LICENSE", "MIT", ["MIT"], "full"),
		object.union(detection("LICENSE-THIRD-PARTY", "BUSL-1.1", ["BUSL-1.1"], "full"), {"third_party": true}),
	]}}
}

test_success_nothing_declared_gpl_text if {
	rule.findings == set() with input as {"licenses": {"declared": [], "detected": [detection("COPYING", "GPL-3.0-only", ["GPL-3.0-only", "GPL-3.0-or-later"], "full")]}}
}

test_fail_nothing_declared_and_licence_text_not_recognised if {
	rule.findings == {{
		"message": "LICENSE: no recognised licence text and no licence declared in package metadata, so nothing shows the licence is open; use a standard licence text or declare an SPDX expression",
		"evidence": {"source": "licence-file", "unrecognised": ["LICENSE"]},
		"location": {"path": "LICENSE"},
		"outcome": "insufficient_evidence",
	}} with input as {"licenses": {"declared": [], "detected": [detection("LICENSE", null, [], "unknown")]}}
}

test_success_nothing_declared_no_licence_file_left_to_license_file_rule if {
	rule.findings == set() with input as {"licenses": {"declared": [], "detected": []}}
}

package dpgcheck.rules.licensing["license-file_test"]

import data.dpgcheck.rules.licensing["license-file"] as rule

inventory(license, license_text) := {"files": {"inventory": {"license": license, "license_text": license_text}}}

test_fail_no_licence_anywhere if {
	rule.findings == {{
		"message": "No licence file at the repository root: add LICENSE with the full text of an open licence",
		"evidence": {"suggested_path": "LICENSE", "found_elsewhere": [], "third_party_only": []},
	}} with input as inventory([], [])
}

test_fail_licence_only_in_docs if {
	rule.findings == {{
		"message": "The licence file is not at the repository root (found docs/LICENSE.md): move it to LICENSE at the root",
		"evidence": {"suggested_path": "LICENSE", "found_elsewhere": ["docs/LICENSE.md"], "third_party_only": []},
	}} with input as inventory([{"path": "docs/LICENSE.md", "location": "docs", "size": 1000}], [])
}

test_fail_only_third_party_licence_at_root if {
	rule.findings == {{
		"message": "Only third-party licence files at the repository root (LICENSE-THIRD-PARTY.md): add LICENSE with the project's own licence",
		"evidence": {"suggested_path": "LICENSE", "found_elsewhere": [], "third_party_only": ["LICENSE-THIRD-PARTY.md"]},
	}} with input as object.union(
		inventory([{"path": "LICENSE-THIRD-PARTY.md", "location": "root", "size": 9000}], []),
		{"licenses": {"detected": [{"path": "LICENSE-THIRD-PARTY.md", "third_party": true}]}},
	)
}

test_success_root_licence if {
	rule.findings == set() with input as inventory([{"path": "COPYING", "location": "root", "size": 35000}], [])
}

test_success_reuse_licenses_directory if {
	rule.findings == set() with input as inventory([], [{"path": "LICENSES/MIT.txt", "location": "LICENSES", "size": 1000}])
}

test_fail_empty_licence_file if {
	rule.findings == {{
		"message": "LICENSE is empty: put the full text of the project's licence in it",
		"evidence": {"empty": ["LICENSE"]},
		"location": {"path": "LICENSE"},
	}} with input as inventory([{"path": "LICENSE", "location": "root", "size": 0}], [])
}

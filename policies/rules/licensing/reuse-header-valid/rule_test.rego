package dpgcheck.rules.licensing["reuse-header-valid_test"]

import data.dpgcheck.rules.licensing["reuse-header-valid"] as rule

test_fail_invalid_header if {
	rule.findings == {{
		"message": "src/a.c: \"MIT OR (\" (file-header) is not a valid SPDX licence expression, so the file counts as unlicensed",
		"evidence": {"expression": "MIT OR (", "source": "file-header"},
		"location": {"path": "src/a.c"},
	}} with input as {"reuse": {"dep5": true, "invalid_expressions": [{"path": "src/a.c", "expression": "MIT OR (", "source": "file-header"}]}}
}

test_not_applicable_outside_reuse if {
	facts := {"reuse": {"dep5": false, "licenses_dir": [], "reuse_toml": [], "sources": {"file-header": 1}, "invalid_expressions": [{"path": "tests/x.py", "expression": "MIT\\n\")", "source": "file-header"}]}}
	rule.not_applicable with input as facts
	rule.findings == set() with input as facts
}

test_success_no_invalid_header if {
	rule.findings == set() with input as {"reuse": {"dep5": true, "invalid_expressions": []}}
}

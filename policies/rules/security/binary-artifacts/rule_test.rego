package dpgcheck.rules.security["binary-artifacts_test"]

import data.dpgcheck.rules.security["binary-artifacts"] as rule

facts := {"security": {"binaries": [
	{"path": "bin/tool", "kind": "elf", "place": "source", "size": 9000},
	{"path": "tests/fixtures/sample.class", "kind": "java-class", "place": "test-fixture", "size": 300},
]}}

test_fail_elf_in_own_tree if {
	rule.findings == {{
		"message": "bin/tool is a checked-in binary (elf, 9000 bytes) that cannot be reviewed as source",
		"evidence": {"kind": "elf", "size": 9000, "binaries_in_own_tree": 1, "max_source_binary_artifacts": 0},
		"location": {"path": "bin/tool"},
	}} with input as facts with data.dpgcheck.config.thresholds.max_source_binary_artifacts as 0
}

test_success_threshold_allows_one if {
	rule.findings == set() with input as facts with data.dpgcheck.config.thresholds.max_source_binary_artifacts as 1
}

test_success_only_fixtures if {
	rule.findings == set() with input as {"security": {"binaries": [facts.security.binaries[1]]}}
		with data.dpgcheck.config.thresholds.max_source_binary_artifacts as 0
}

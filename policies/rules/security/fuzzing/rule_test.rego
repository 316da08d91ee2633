package dpgcheck.rules.security["fuzzing_test"]

import data.dpgcheck.rules.security.fuzzing as rule

test_fail_none if {
	rule.findings == {{
		"message": "No fuzzing set-up found (ClusterFuzzLite, OSS-Fuzz, libFuzzer, Go fuzz tests, cargo-fuzz or a property-based testing library)",
		"evidence": {"looked_for": ["clusterfuzzlite", "oss-fuzz", "libfuzzer", "go-native", "cargo-fuzz", "property-based"]},
	}} with input as {"security": {"fuzzing": []}}
}

test_success_go_fuzz if {
	rule.findings == set() with input as {"security": {"fuzzing": [{"path": "parse_test.go", "kind": "go-native", "line": 10}]}}
}

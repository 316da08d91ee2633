package dpgcheck.rules.security["binary-artifacts-set-apart_test"]

import data.dpgcheck.rules.security["binary-artifacts-set-apart"] as rule

test_fail_gradle_wrapper if {
	rule.findings == {{
		"message": "gradle/wrapper/gradle-wrapper.jar is a checked-in binary (java-archive, 43462 bytes), a build-tool wrapper; verify its checksum",
		"evidence": {"kind": "java-archive", "size": 43462, "place": "wrapper"},
		"location": {"path": "gradle/wrapper/gradle-wrapper.jar"},
	}} with input as {"security": {"binaries": [{"path": "gradle/wrapper/gradle-wrapper.jar", "kind": "java-archive", "place": "wrapper", "size": 43462}]}}
}

test_fail_fixture if {
	count(rule.findings) == 1 with input as {"security": {"binaries": [{"path": "tests/data/a.pyc", "kind": "python-bytecode", "place": "test-fixture", "size": 12}]}}
}

test_success_own_binaries_are_the_other_rule if {
	rule.findings == set() with input as {"security": {"binaries": [{"path": "bin/tool", "kind": "elf", "place": "source", "size": 9000}]}}
}

# METADATA
# title: The project fuzzes its code
# description: |
#   Fuzzing feeds a program unexpected input until it crashes, and finds the
#   memory and parsing bugs attackers look for. Looks in the tree for
#   ClusterFuzzLite (.clusterfuzzlite/), OSS-Fuzz build files, libFuzzer entry
#   points (LLVMFuzzerTestOneInput), Go native fuzz tests (func FuzzX(f
#   *testing.F)), cargo-fuzz, and property-based testing libraries in package
#   manifests (fast-check, QuickCheck/Hedgehog, PropEr, FsCheck, Hypothesis,
#   jqwik). Follows OpenSSF Scorecard's Fuzzing check in part: Scorecard also
#   asks the OSS-Fuzz project list online, which dpgcheck does not. Advisory:
#   many public goods (web applications in managed languages) have no fuzzing
#   and reasonably rely on other testing.
# related_resources:
#   - description: OpenSSF Scorecard Fuzzing check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#fuzzing
# custom:
#   severity: info
#   principle: security
#   scorecard_check: Fuzzing
#   remediation: |
#     Add fuzz targets for the code that parses untrusted input and run them
#     in CI (ClusterFuzzLite), or apply to OSS-Fuzz; in managed languages a
#     property-based testing library is a good start.
#   profiles: [security-posture]
package dpgcheck.rules.security["fuzzing"]

import data.dpgcheck.lib.result

findings contains finding if {
	input.security
	count(object.get(input.security, "fuzzing", [])) == 0
	finding := result.fail(
		"No fuzzing set-up found (ClusterFuzzLite, OSS-Fuzz, libFuzzer, Go fuzz tests, cargo-fuzz or a property-based testing library)",
		{"looked_for": ["clusterfuzzlite", "oss-fuzz", "libfuzzer", "go-native", "cargo-fuzz", "property-based"]},
	)
}

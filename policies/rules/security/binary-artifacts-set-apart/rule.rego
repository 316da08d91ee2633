# METADATA
# title: Binary artefacts in vendored code, test fixtures and build wrappers are known
# description: |
#   Binaries under vendored directories (vendor/, third_party/,
#   node_modules/...), test directories (tests/, testdata/, fixtures/...) and
#   build-tool wrappers (gradle/wrapper/gradle-wrapper.jar,
#   .mvn/wrapper/maven-wrapper.jar) are usually there on purpose, but they are
#   still unreviewable code in the tree. They are listed here, apart from the
#   project's own binaries, so a reviewer can confirm each. OpenSSF
#   Scorecard's Binary-Artifacts check counts them like any other binary
#   (except a Gradle wrapper it can validate online).
# related_resources:
#   - description: OpenSSF Scorecard Binary-Artifacts check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#binary-artifacts
#   - description: Gradle wrapper checksum verification
#     ref: https://docs.gradle.org/current/userguide/gradle_wrapper.html#wrapper_checksum_verification
# custom:
#   severity: info
#   principle: security
#   scorecard_check: Binary-Artifacts
#   remediation: |
#     Check that each binary comes from where you think (for a Gradle wrapper,
#     compare its SHA-256 with the published checksum, e.g. with the
#     gradle/actions/wrapper-validation action) and waive the finding with
#     that reason.
#   profiles: [security-posture]
package dpgcheck.rules.security["binary-artifacts-set-apart"]

import data.dpgcheck.lib.result

_why := {
	"vendored": "in vendored code",
	"test-fixture": "a test fixture",
	"wrapper": "a build-tool wrapper; verify its checksum",
}

findings contains finding if {
	some b in object.get(object.get(input, "security", {}), "binaries", [])
	b.place != "source"
	finding := result.fail_at(
		sprintf("%s is a checked-in binary (%s, %d bytes), %s", [b.path, b.kind, b.size, _why[b.place]]),
		{"kind": b.kind, "size": b.size, "place": b.place},
		{"path": b.path},
	)
}

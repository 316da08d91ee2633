# METADATA
# title: No binary artefacts in the project's own tree
# description: |
#   A checked-in executable, library, class file, bytecode or archive cannot
#   be reviewed, and nothing shows it was built from the source beside it: it
#   may hold anything. Files are recognised by their first bytes (ELF, PE,
#   Mach-O, Java class, WebAssembly, dex, ar/deb/rpm, Python bytecode, and
#   zip-based .jar/.war/.whl/.apk...), not by name alone, so a renamed
#   executable is caught and a text file named .exe is not. Binaries under
#   vendored or test directories and build-tool wrappers are reported apart
#   (binary-artifacts-set-apart). A finding for each binary beyond
#   max_source_binary_artifacts. Follows OpenSSF Scorecard's Binary-Artifacts
#   check, which counts every binary the same.
# related_resources:
#   - description: OpenSSF Scorecard Binary-Artifacts check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#binary-artifacts
# custom:
#   severity: warning
#   principle: security
#   scorecard_check: Binary-Artifacts
#   remediation: |
#     Remove the binary and build it from source in CI, or fetch it at build
#     time from a release with a checked hash; if it must stay, document where
#     it comes from and how to rebuild it.
#   profiles: [security-posture]
package dpgcheck.rules.security["binary-artifacts"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

_own := [b | some b in object.get(object.get(input, "security", {}), "binaries", []); b.place == "source"]

findings contains finding if {
	count(_own) > config.threshold("max_source_binary_artifacts")
	some b in _own
	finding := result.fail_at(
		sprintf("%s is a checked-in binary (%s, %d bytes) that cannot be reviewed as source", [b.path, b.kind, b.size]),
		{"kind": b.kind, "size": b.size, "binaries_in_own_tree": count(_own), "max_source_binary_artifacts": config.threshold("max_source_binary_artifacts")},
		{"path": b.path},
	)
}

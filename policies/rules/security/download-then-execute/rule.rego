# METADATA
# title: No download is piped straight into a shell
# description: |
#   curl ... | sh (or wget -O- | bash, bash <(curl ...), curl | python) runs
#   whatever the server returns at that moment, unverified, in the build or
#   the image. Looked for in GitHub Actions run: steps, GitLab CI scripts,
#   Dockerfile RUN instructions (continuation lines joined) and shell scripts
#   in the tree. Follows the downloadThenRun part of OpenSSF Scorecard's
#   Pinned-Dependencies check; a download saved and run later is not seen.
# related_resources:
#   - description: OpenSSF Scorecard Pinned-Dependencies check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies
# custom:
#   severity: warning
#   principle: security
#   scorecard_check: Pinned-Dependencies
#   remediation: |
#     Download to a file, check it against a published SHA-256
#     (echo "<sha256>  file" | sha256sum -c), then run it; or install the tool
#     from a package manager with a pinned version.
#   profiles: [security-posture]
package dpgcheck.rules.security["download-then-execute"]

import data.dpgcheck.lib.result

findings contains finding if {
	some d in object.get(object.get(input, "security", {}), "downloads", [])
	finding := result.fail_at(
		sprintf("%s runs a download without checking it: %s", [d.path, d.command]),
		{"command": d.command, "source": d.source},
		{"path": d.path, "line": d.line},
	)
}

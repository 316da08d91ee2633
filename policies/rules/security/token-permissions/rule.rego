# METADATA
# title: Workflow tokens are read-only unless a job needs more
# description: |
#   Every GitHub Actions run gets a GITHUB_TOKEN; if a step is compromised,
#   what the token may write is what the attacker may write (push code,
#   publish packages, approve runs). Least privilege means a read-only
#   permissions: block at the top of each workflow and write scopes only on
#   the jobs that need them. Flagged: write-all anywhere, write scopes at the
#   top level, and a workflow with no top-level block whose jobs do not all
#   declare their own (they then get the repository's default, which may be
#   write). Follows OpenSSF Scorecard's Token-Permissions check; Scorecard
#   lowers a score, dpgcheck names each workflow and line to change.
# related_resources:
#   - description: OpenSSF Scorecard Token-Permissions check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#token-permissions
#   - description: GitHub, workflow syntax, permissions
#     ref: https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#permissions
# custom:
#   severity: warning
#   principle: security
#   scorecard_check: Token-Permissions
#   remediation: |
#     Add "permissions: read-all" (or "permissions: {contents: read}") at the
#     top of the workflow and grant write scopes in the jobs that need them,
#     e.g. "permissions: {contents: write}" on the release job only.
#   profiles: [security-posture]
package dpgcheck.rules.security["token-permissions"]

import data.dpgcheck.lib.result
import data.dpgcheck.lib.security

findings contains finding if {
	some w in security.github_workflows
	w.permissions.level == "write-all"
	finding := result.fail_at(
		sprintf("%s gives every job a token that may write everything (permissions: write-all)", [w.path]),
		{"level": "top", "permissions": "write-all"},
		{"path": w.path, "line": w.permissions.line},
	)
}

findings contains finding if {
	some w in security.github_workflows
	count(w.permissions.write) > 0
	finding := result.fail_at(
		sprintf("%s grants write to %s at the top level, so every job gets it: move the write scopes to the jobs that need them", [w.path, concat(", ", w.permissions.write)]),
		{"level": "top", "write": w.permissions.write},
		{"path": w.path, "line": w.permissions.line},
	)
}

findings contains finding if {
	some w in security.github_workflows
	w.permissions == null
	undeclared := [j.id | some j in w.jobs; j.permissions == null]
	count(undeclared) > 0
	finding := result.fail_at(
		sprintf("%s declares no permissions at the top level and job(s) %s declare none either: they get the repository's default token, which may be read-write", [w.path, concat(", ", undeclared)]),
		{"level": "top", "permissions": null, "jobs_without_permissions": undeclared},
		{"path": w.path, "line": 1},
	)
}

findings contains finding if {
	some w in security.github_workflows
	some j in w.jobs
	j.permissions.level == "write-all"
	finding := result.fail_at(
		sprintf("%s: job %s has a token that may write everything (permissions: write-all): name the scopes it needs", [w.path, j.id]),
		{"level": "job", "job": j.id, "permissions": "write-all"},
		{"path": w.path, "line": j.permissions.line},
	)
}

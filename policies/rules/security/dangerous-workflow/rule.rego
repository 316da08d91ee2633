# METADATA
# title: No workflow runs untrusted code or text with the repository's secrets
# description: |
#   Two GitHub Actions patterns let an outsider run code with the repository's
#   token and secrets. (1) A workflow started by pull_request_target or
#   workflow_run runs with the base repository's secrets, and checking out the
#   pull request's head (with.ref from github.event.pull_request.head.*,
#   github.head_ref, refs/pull/...) then runs the outsider's code in it. (2) A
#   ${{ }} expression over text an outsider writes (an issue or pull request
#   title or body, a comment, a commit message, a branch name) is pasted into a
#   run: script or a github-script before the shell sees it: script injection.
#   Follows OpenSSF Scorecard's Dangerous-Workflow check; unlike Scorecard,
#   each finding names the file and line, and the lists of dangerous triggers
#   and untrusted contexts are bundle data (data.dpgcheck.security).
# related_resources:
#   - description: OpenSSF Scorecard Dangerous-Workflow check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#dangerous-workflow
#   - description: GitHub, security hardening for GitHub Actions (untrusted input)
#     ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
# custom:
#   severity: error
#   principle: security
#   scorecard_check: Dangerous-Workflow
#   remediation: |
#     Pass untrusted text to the script through an environment variable
#     (env: TITLE: ${{ github.event.issue.title }}, then "$TITLE" in the
#     script). Do not check out a pull request's code in a pull_request_target
#     or workflow_run workflow; use pull_request, which runs without secrets.
#   profiles: [security-posture]
package dpgcheck.rules.security["dangerous-workflow"]

import data.dpgcheck.lib.result
import data.dpgcheck.lib.security

findings contains finding if {
	some c in security.dangerous_checkouts
	finding := result.fail_at(
		sprintf("%s checks out pull request code (ref: %s) in a workflow started by %s, which runs with the repository's secrets and write token", [c.path, c.ref, concat(", ", [t | some t in c.triggers; t in security.lists.dangerous_triggers])]),
		{"pattern": "untrusted-checkout", "job": c.job, "ref": c.ref, "triggers": c.triggers},
		{"path": c.path, "line": c.line},
	)
}

findings contains finding if {
	some e in security.injections
	finding := result.fail_at(
		sprintf("%s pastes ${{ %s }}, text an outsider controls, into a %s script (job %s): pass it through an environment variable instead", [e.path, e.context, e.field, e.job]),
		{"pattern": "script-injection", "job": e.job, "context": e.context, "field": e.field},
		{"path": e.path, "line": e.line},
	)
}

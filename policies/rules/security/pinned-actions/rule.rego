# METADATA
# title: Actions and reusable workflows are pinned by commit hash
# description: |
#   A uses: reference by tag or branch (actions/checkout@v4) runs whatever the
#   action's owner, or whoever takes over their account, points that tag at
#   next; only a full 40-character commit hash names fixed code. When the
#   share of pinned references (local ./ actions apart) is below
#   min_pinned_action_share, each unpinned one is a finding at its line. With
#   pinned_actions_exempt_github_owned, actions/* and github/* are not
#   counted. Follows the GitHub Actions part of OpenSSF Scorecard's
#   Pinned-Dependencies check (which weighs GitHub-owned actions less).
# related_resources:
#   - description: OpenSSF Scorecard Pinned-Dependencies check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies
#   - description: GitHub, using third-party actions (pin to a full-length commit SHA)
#     ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
# custom:
#   severity: warning
#   principle: security
#   scorecard_check: Pinned-Dependencies
#   remediation: |
#     Replace the tag with the commit it points to and keep the tag as a
#     comment (uses: actions/checkout@<40-hex sha> # v4); Dependabot and
#     Renovate update such pins.
#   profiles: [security-posture]
package dpgcheck.rules.security["pinned-actions"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result
import data.dpgcheck.lib.security

default _exempt_github := false

_exempt_github := config.threshold("pinned_actions_exempt_github_owned")

# With the exemption, GitHub-owned actions are not counted (one filter, not a call per action).
_counted := [a | some a in security.remote_actions; not a.github_owned] if _exempt_github == true
else := security.remote_actions

_pinned := count([a | some a in _counted; a.pinned])

_share := _pinned / count(_counted) if count(_counted) > 0

_min_share := config.threshold("min_pinned_action_share")

# Looked up once, not once for each of the (possibly hundreds of) findings.
_min_percent := round(_min_share * 100)

findings contains finding if {
	_share < _min_share
	some a in _counted
	not a.pinned
	finding := result.fail_at(
		sprintf("%s uses %s, not pinned by commit hash (%d of %d action references are pinned; at least %v%% expected)", [a.path, a.ref, _pinned, count(_counted), _min_percent]),
		{"ref": a.ref, "kind": a.kind, "job": a.job, "github_owned": a.github_owned, "pinned": _pinned, "total": count(_counted)},
		{"path": a.path, "line": a.line},
	)
}

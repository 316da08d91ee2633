package dpgcheck.scorecard_test

import data.dpgcheck.scorecard

wf(top, jobs) := {"path": ".github/workflows/ci.yml", "system": "github-actions", "readable": true, "triggers": ["push"], "permissions": top, "jobs": jobs}

perm(level, write) := {"line": 2, "level": level, "write": write, "read": []}

job(p) := {"id": "build", "line": 5, "permissions": p, "reusable": false}

token(workflows) := score if {
	score := scorecard._token_permissions.score with input as {"security": {"workflows": workflows}}
}

test_token_permissions_scoring if {
	token([]) == -1
	token([wf(perm("read-all", []), [job(null)])]) == 10
	token([wf(null, [job(perm("scoped", []))])]) == 9 # undeclared top, all jobs declared: -0.5, truncated
	token([wf(null, [job(perm("scoped", ["contents"]))])]) == 9 # -0.5 - 0.5
	token([wf(null, [job(null)])]) == 0
	token([wf(perm("write-all", []), [job(perm("scoped", []))])]) == 9
	token([wf(perm("write-all", []), [job(null)])]) == 0
	token([wf(perm("scoped", ["checks"]), [job(perm("scoped", []))])]) == 9
	token([wf(perm("scoped", ["contents"]), [job(perm("scoped", []))])]) == 0
	token([wf(perm("scoped", ["deployments", "statuses"]), [job(perm("none", []))])]) == 8
}

action(owned, pinned) := {"path": "w.yml", "line": 1, "job": "j", "ref": "x", "kind": "action", "github_owned": owned, "pinned": pinned}

image(pinned) := {"path": "Dockerfile", "line": 1, "image": "x", "source": "dockerfile", "pinned": pinned, "variable": false}

pinned(actions, images, downloads) := score if {
	score := scorecard._pinned_dependencies.score with input as {"security": {"actions": actions, "images": images, "downloads": downloads}}
}

test_pinned_dependencies_weighted_like_scorecard if {
	pinned([], [], []) == -1
	pinned([action(true, false), action(false, true)], [], []) == 8 # (0*2 + 1*8) / (2 + 8)
	pinned([action(true, true), action(false, false)], [], []) == 2
	pinned([action(false, true), action(false, false)], [], []) == 5 # one group: weight 10
	pinned([action(true, true)], [image(false)], []) == 5
	pinned([action(true, true)], [image(true)], [{"path": "a.sh", "line": 1, "source": "shell", "command": "curl x | sh"}]) == 6 # 20/30
}

test_binary_artifacts_ten_minus_count if {
	scorecard._binary_artifacts.score == 7 with input as {"security": {"binaries": [
		{"path": "a", "kind": "elf", "place": "source", "size": 1},
		{"path": "b", "kind": "elf", "place": "vendored", "size": 1},
		{"path": "c", "kind": "elf", "place": "test-fixture", "size": 1},
		{"path": "gradle/wrapper/gradle-wrapper.jar", "kind": "java-archive", "place": "wrapper", "size": 1},
	]}}
}

test_aggregate_weights_by_risk_and_skips_inconclusive if {
	view := scorecard.view with input as {
		"subject": {"kind": "repository"},
		"security": {"workflows": [], "binaries": [], "dependency_update_tools": [], "fuzzing": [], "actions": [], "images": [], "downloads": [], "checkouts": [], "expressions": []},
	}
	# Binary-Artifacts 10 (High), Dependency-Update-Tool 0 (High), Fuzzing 0 (Medium); the rest inconclusive or absent
	view.score == round(((7.5 * 10) / ((7.5 + 7.5) + 5)) * 10) / 10
	[c.name | some c in view.checks] == ["Binary-Artifacts", "Dangerous-Workflow", "Dependency-Update-Tool", "Fuzzing", "Pinned-Dependencies", "Token-Permissions"]
}

test_no_view_for_a_registry_record if {
	scorecard.view == null with input as {"subject": {"kind": "record"}, "dpg": {}}
}

test_license_points if {
	scorecard._license.score == 10 with input as {"files": {"inventory": {"license": [{"path": "LICENSE", "location": "root", "size": 1}]}}, "licenses": {"detected": [{"ids": ["MIT"]}]}}
	scorecard._license.score == 9 with input as {"files": {"inventory": {"license": [{"path": "LICENSE", "location": "root", "size": 1}]}}, "licenses": {"detected": []}}
	scorecard._license.score == 0 with input as {"files": {"inventory": {"license": []}}}
}

test_maintained_commits_in_90_days if {
	history := {"available": true, "first_commit_time": "2020-01-01T00:00:00Z", "reference_time": "2026-06-01T00:00:00Z", "last_90_days": {"commits": 5, "merges": 1, "bot_commits": 0}}
	scorecard._maintained.score == 5 with input as {"history": history}
	scorecard._maintained.score == 0 with input as {"history": object.union(history, {"first_commit_time": "2026-05-01T00:00:00Z"})}
}

test_maintained_in_the_90_day_window_of_facts_3_0 if {
	history := {"available": true, "first_commit_time": "2020-01-01T00:00:00Z", "reference_time": "2026-06-01T00:00:00Z", "windows": [
		{"days": 30, "commits": 1, "merges": 0, "bot_commits": 0},
		{"days": 90, "commits": 12, "merges": 0, "bot_commits": 2},
	]}
	scorecard._maintained.score == 10 with input as {"history": history}
	scorecard._maintained == {"score": -1, "reason": "the facts hold no 90-day history window (the bundle's history_windows named none)", "same_as_scorecard": false, "differences": scorecard._maintained_differences} with input as {"history": object.union(history, {"windows": [{"days": 30, "commits": 1, "merges": 0, "bot_commits": 0}]})}
}

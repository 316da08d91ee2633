package dpgcheck.rules.security["token-permissions_test"]

import data.dpgcheck.rules.security["token-permissions"] as rule

workflow(top, jobs) := {"security": {"workflows": [{"path": ".github/workflows/ci.yml", "system": "github-actions", "readable": true, "triggers": ["push"], "permissions": top, "jobs": jobs}]}}

perm(level, write, line) := {"line": line, "level": level, "write": write, "read": []}

test_fail_write_all_top_level if {
	rule.findings == {{
		"message": ".github/workflows/ci.yml gives every job a token that may write everything (permissions: write-all)",
		"evidence": {"level": "top", "permissions": "write-all"},
		"location": {"path": ".github/workflows/ci.yml", "line": 3},
	}} with input as workflow(perm("write-all", [], 3), [{"id": "build", "line": 6, "permissions": null, "reusable": false}])
}

test_success_read_all_top_level if {
	rule.findings == set() with input as workflow(perm("read-all", [], 3), [{"id": "build", "line": 6, "permissions": null, "reusable": false}])
}

test_success_read_all_top_and_job_write if {
	rule.findings == set() with input as workflow(perm("read-all", [], 3), [{"id": "release", "line": 6, "permissions": perm("scoped", ["contents"], 7), "reusable": false}])
}

test_fail_top_level_write_scopes if {
	rule.findings == {{
		"message": ".github/workflows/ci.yml grants write to contents, packages at the top level, so every job gets it: move the write scopes to the jobs that need them",
		"evidence": {"level": "top", "write": ["contents", "packages"]},
		"location": {"path": ".github/workflows/ci.yml", "line": 3},
	}} with input as workflow(perm("scoped", ["contents", "packages"], 3), [{"id": "build", "line": 6, "permissions": null, "reusable": false}])
}

test_fail_undeclared_everywhere if {
	rule.findings == {{
		"message": ".github/workflows/ci.yml declares no permissions at the top level and job(s) build declare none either: they get the repository's default token, which may be read-write",
		"evidence": {"level": "top", "permissions": null, "jobs_without_permissions": ["build"]},
		"location": {"path": ".github/workflows/ci.yml", "line": 1},
	}} with input as workflow(null, [{"id": "build", "line": 6, "permissions": null, "reusable": false}, {"id": "lint", "line": 9, "permissions": perm("none", [], 10), "reusable": false}])
}

test_success_undeclared_top_all_jobs_declared if {
	rule.findings == set() with input as workflow(null, [{"id": "build", "line": 6, "permissions": perm("scoped", [], 7), "reusable": false}])
}

test_fail_job_write_all if {
	rule.findings == {{
		"message": ".github/workflows/ci.yml: job build has a token that may write everything (permissions: write-all): name the scopes it needs",
		"evidence": {"level": "job", "job": "build", "permissions": "write-all"},
		"location": {"path": ".github/workflows/ci.yml", "line": 7},
	}} with input as workflow(perm("read-all", [], 3), [{"id": "build", "line": 6, "permissions": perm("write-all", [], 7), "reusable": false}])
}

test_success_gitlab_has_no_token_question if {
	rule.findings == set() with input as {"security": {"workflows": [{"path": ".gitlab-ci.yml", "system": "gitlab-ci", "readable": true, "triggers": [], "permissions": null, "jobs": [{"id": "test", "line": 2, "permissions": null, "reusable": false}]}]}}
}

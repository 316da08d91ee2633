# METADATA
# title: Scorecard-shaped view
# description: |
#   For readers who compare with OpenSSF Scorecard: a 0-10 score (-1 when
#   inconclusive) for each Scorecard check that can be judged from a clone,
#   computed from the facts with Scorecard's documented scoring (v5, checks/
#   evaluation/*.go), and the risk-weighted aggregate (Critical 10, High 7.5,
#   Medium 5, Low 2.5, inconclusive checks skipped). Each check says whether
#   the computation is the same as Scorecard's and, when not, how it differs.
#   It is a view, not a verdict: the verdict comes from the rules and the
#   profile. Query data.dpgcheck.scorecard.view with the facts as input.
package dpgcheck.scorecard

import data.dpgcheck.lib.history as metrics
import data.dpgcheck.lib.licenses
import data.dpgcheck.lib.security

_doc_url(name) := sprintf("https://github.com/ossf/scorecard/blob/main/docs/checks.md#%s", [lower(name)])

_has_security if input.security

_repository if object.get(input, ["subject", "kind"], "repository") == "repository"

_facts := object.get(input, "security", {})

_github_workflows := security.github_workflows

# --- Binary-Artifacts: 10 minus one per binary --------------------------------

_binaries := [b | some b in object.get(_facts, "binaries", []); b.place != "wrapper"]

_binary_artifacts := {"score": max([0, 10 - count(_binaries)]), "reason": sprintf("%d binary artefact(s) in the tree", [count(_binaries)]), "same_as_scorecard": false,
	"differences": "binaries recognised by content rather than by extension; Gradle/Maven wrapper jars are not counted (Scorecard skips a Gradle wrapper it validates online)"} if _has_security

# --- Dangerous-Workflow: 0 when any dangerous pattern ---------------------------

_dangerous_count := count(security.dangerous_checkouts) + count(security.injections)

_dangerous_workflow := {"score": -1, "reason": "no GitHub Actions workflow", "same_as_scorecard": true, "differences": ""} if {
	_has_security
	count(_github_workflows) == 0
} else := {"score": 0, "reason": sprintf("%d dangerous pattern(s)", [_dangerous_count]), "same_as_scorecard": true, "differences": ""} if {
	_has_security
	_dangerous_count > 0
} else := {"score": 10, "reason": "no dangerous workflow pattern", "same_as_scorecard": true, "differences": ""} if _has_security

# --- Dependency-Update-Tool: presence --------------------------------------------

_tools := {t.tool | some t in object.get(_facts, "dependency_update_tools", [])}

_dependency_update_tool := {"score": 10, "reason": sprintf("update tool configured: %s", [concat(", ", sort(_tools))]), "same_as_scorecard": true, "differences": ""} if {
	_has_security
	count(_tools) > 0
} else := {"score": 0, "reason": "no update tool configured", "same_as_scorecard": true, "differences": ""} if _has_security

# --- Fuzzing: presence -------------------------------------------------------------

_fuzzing := {"score": 10, "reason": "fuzzing set-up found in the tree", "same_as_scorecard": false, "differences": "the OSS-Fuzz project list is not consulted (offline)"} if {
	_has_security
	count(object.get(_facts, "fuzzing", [])) > 0
} else := {"score": 0, "reason": "no fuzzing set-up found in the tree", "same_as_scorecard": false, "differences": "the OSS-Fuzz project list is not consulted (offline)"} if _has_security

# --- Pinned-Dependencies: weighted proportion --------------------------------------

_remote := security.remote_actions

_owned := [a | some a in _remote; a.github_owned]

_third := [a | some a in _remote; not a.github_owned]

_pinned_owned := count([a | some a in _owned; a.pinned])

_pinned_third := count([a | some a in _third; a.pinned])

# Each list is walked once (with 200 workflows they hold 800 references).
_action_groups := [
	{"pinned": _pinned_owned, "total": count(_owned), "weight": 2},
	{"pinned": _pinned_third, "total": count(_third), "weight": 8},
] if {
	count(_owned) > 0
	count(_third) > 0
} else := [{"pinned": _pinned_owned + _pinned_third, "total": count(_remote), "weight": 10}] if count(_remote) > 0
else := []

_docker_images := [i | some i in object.get(_facts, "images", []); i.source == "dockerfile"]

_downloads := object.get(_facts, "downloads", [])

_pinned_images := count([i | some i in _docker_images; i.pinned])

_other_groups := [g | some g in [{"pinned": _pinned_images, "total": count(_docker_images), "weight": 10}, {"pinned": 0, "total": count(_downloads), "weight": 10}]; g.total > 0]

_groups := array.concat(_action_groups, _other_groups)

_weighted_success := sum([x | some g in _groups; x := g.pinned * g.weight])

_weighted_total := sum([x | some g in _groups; x := g.total * g.weight])

_pinned_dependencies := {"score": -1, "reason": "no dependencies found", "same_as_scorecard": false, "differences": _pinned_differences} if {
	_has_security
	_weighted_total == 0
} else := {"score": min([10, floor((10 * _weighted_success) / _weighted_total)]), "reason": sprintf("%d of %d action(s), %d of %d Dockerfile image(s) pinned; %d download(s) run unchecked", [_pinned_owned + _pinned_third, count(_remote), _pinned_images, count(_docker_images), count(_downloads)]), "same_as_scorecard": false, "differences": _pinned_differences} if _has_security

_pinned_differences := "GitHub Actions, Dockerfile FROM and download-and-run commands are scored as Scorecard does; pip/npm/go/choco/nuget install commands are not looked at"

# --- Token-Permissions: deductions per workflow --------------------------------------

_reduce_by := {"checks": 0.5, "statuses": 0.5, "contents": 10, "packages": 10, "actions": 10, "deployments": 1, "security-events": 1}

# Each workflow's facts for the deductions, in one pass each over the workflows (keyed by
# path, which is unique): a Rego function call per workflow and job cost 60 M instructions
# with 200 workflows, a quarter of the whole decision. "Writes" is security.writes(p) spelt
# out (write-all, or any scope with write); the same sets kept in data.dpgcheck.lib.security
# measured 10 M instructions more on regorus, so they stay here.
_undeclared_top := {w.path | some w in _github_workflows; w.permissions == null}

_writes_top := {w.path | some w in _github_workflows; w.permissions != null; w.permissions.level == "write-all"} | {w.path |
	some w in _github_workflows
	w.permissions != null
	count(w.permissions.write) > 0
}

_jobs_undeclared := {w.path | some w in _github_workflows; some j in w.jobs; j.permissions == null}

# The number of jobs whose own permissions write (a job counted once, whichever way it writes).
_job_writes := {w.path: count(union({
	{i | some i, j in w.jobs; j.permissions != null; j.permissions.level == "write-all"},
	{i | some i, j in w.jobs; j.permissions != null; count(j.permissions.write) > 0},
})) | some w in _github_workflows}

_zeroed := {p | some p in _undeclared_top; p in _jobs_undeclared} | {p | some p in _writes_top; _job_writes[p] > 0} | {p |
	some p in _writes_top
	p in _jobs_undeclared
}

_deductions := array.concat(
	[d | some w in _github_workflows; w.permissions == null; d := 0.5 + (0.5 * _job_writes[w.path])],
	array.concat(
		[0.5 | some w in _github_workflows; w.permissions != null; w.permissions.level == "write-all"],
		[d |
			some w in _github_workflows
			w.permissions != null
			w.permissions.level != "write-all"
			d := sum([object.get(_reduce_by, s, 0) | some s in w.permissions.write])
		],
	),
)

_token_permissions := {"score": -1, "reason": "no GitHub Actions workflow", "same_as_scorecard": true, "differences": _token_differences} if {
	_has_security
	count(_github_workflows) == 0
} else := {"score": 0, "reason": "a workflow's token may write with no job-level limit", "same_as_scorecard": true, "differences": _token_differences} if {
	_has_security
	count(_zeroed) > 0
} else := {"score": max([0, floor(10 - sum(_deductions))]), "reason": "deductions for undeclared or top-level write permissions", "same_as_scorecard": true, "differences": _token_differences} if _has_security

_token_differences := "Scorecard's deductions, applied per workflow without regard to the order in which Scorecard meets its findings"

# --- License: file, at the top level, OSI/FSF approved -------------------------------

_license_files := object.get(input, ["files", "inventory", "license"], [])

_license_points := (6 + _top_level_points) + _approved_points if count(_license_files) > 0
else := 0

_top_level_points := 3 if {
	some f in _license_files
	f.location == "root"
} else := 0

_approved_points := 1 if {
	some d in object.get(input, ["licenses", "detected"], [])
	some id in d.ids
	licenses.open_license(id)
} else := 0

_license := {"score": _license_points, "reason": sprintf("%d licence file(s)", [count(_license_files)]), "same_as_scorecard": false, "differences": "the licence is recognised from the file's text, not from the forge's licence API"} if input.files

# --- SBOM: source part only -------------------------------------------------------------

_sbom_files := [f | some f in object.get(input, ["files", "inventory", "sbom"], []); f.location == "root"]

_sbom := {"score": 5, "reason": "SBOM at the repository root", "same_as_scorecard": false, "differences": "release assets are not looked at offline, so at most 5"} if {
	input.files
	count(_sbom_files) > 0
} else := {"score": 0, "reason": "no SBOM at the repository root", "same_as_scorecard": false, "differences": "release assets are not looked at offline, so at most 5"} if input.files

# --- Maintained: commits in the last 90 days ---------------------------------------------

_history := object.get(input, "history", {})

# Scorecard's own window: 90 days, whatever windows the bundle's rules use.
_ninety_days := metrics.window_of_days(90)

_recent := (_ninety_days.commits + _ninety_days.merges) + _ninety_days.bot_commits

_young if time.add_date(time.parse_rfc3339_ns(_history.first_commit_time), 0, 0, 90) > time.parse_rfc3339_ns(_history.reference_time)

_maintained := {"score": 0, "reason": "first commit less than 90 days ago", "same_as_scorecard": false, "differences": _maintained_differences} if {
	_history.available
	_young
} else := {"score": min([10, floor((10 * _recent) / 12)]), "reason": sprintf("%d commit(s) in the 90 days up to the reference time", [_recent]), "same_as_scorecard": false, "differences": _maintained_differences} if {
	_history.available
	_ninety_days
} else := {"score": -1, "reason": "the facts hold no 90-day history window (the bundle's history_windows named none)", "same_as_scorecard": false, "differences": _maintained_differences} if _history.available

_maintained_differences := "commits only: issue activity and the archived flag need the forge's API; repository age is taken from the first commit"

# --- the view ------------------------------------------------------------------------------

_risks := {
	"Binary-Artifacts": "High", "Dangerous-Workflow": "Critical", "Dependency-Update-Tool": "High",
	"Fuzzing": "Medium", "License": "Low", "Maintained": "High", "Pinned-Dependencies": "Medium",
	"SBOM": "Medium", "Token-Permissions": "High",
}

_computed["Binary-Artifacts"] := _binary_artifacts

_computed["Dangerous-Workflow"] := _dangerous_workflow

_computed["Dependency-Update-Tool"] := _dependency_update_tool

_computed["Fuzzing"] := _fuzzing

_computed["License"] := _license

_computed["Maintained"] := _maintained

_computed["Pinned-Dependencies"] := _pinned_dependencies

_computed["SBOM"] := _sbom

_computed["Token-Permissions"] := _token_permissions

_checks := [object.union(_computed[name], {"name": name, "risk": _risks[name], "documentation": _doc_url(name)}) | some name in sort(object.keys(_computed))]

_weights := object.get(security.lists, "scorecard_risk_weights", {"Critical": 10, "High": 7.5, "Medium": 5, "Low": 2.5})

_conclusive := [c | some c in _checks; c.score >= 0]

_aggregate := round((sum([x | some c in _conclusive; x := _weights[c.risk] * c.score]) / sum([_weights[c.risk] | some c in _conclusive])) * 10) / 10 if count(_conclusive) > 0
else := -1

_not_computed := ["Branch-Protection", "CI-Tests", "CII-Best-Practices", "Code-Review", "Contributors", "Packaging", "SAST", "Security-Policy", "Signed-Releases", "Vulnerabilities", "Webhooks"]

default view := null

view := {
	"based_on": "OpenSSF Scorecard v5 check documentation and scoring",
	"score": _aggregate,
	"checks": _checks,
	"not_computed": _not_computed,
} if _repository

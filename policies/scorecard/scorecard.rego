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

import data.dpgcheck.lib.licenses
import data.dpgcheck.lib.security

doc_url(name) := sprintf("https://github.com/ossf/scorecard/blob/main/docs/checks.md#%s", [lower(name)])

has_security if input.security

repository if object.get(input, ["subject", "kind"], "repository") == "repository"

facts := object.get(input, "security", {})

github_workflows := security.github_workflows

# --- Binary-Artifacts: 10 minus one per binary --------------------------------

binaries := [b | some b in object.get(facts, "binaries", []); b.place != "wrapper"]

binary_artifacts := {"score": max([0, 10 - count(binaries)]), "reason": sprintf("%d binary artefact(s) in the tree", [count(binaries)]), "same_as_scorecard": false,
	"differences": "binaries recognised by content rather than by extension; Gradle/Maven wrapper jars are not counted (Scorecard skips a Gradle wrapper it validates online)"} if has_security

# --- Dangerous-Workflow: 0 when any dangerous pattern ---------------------------

dangerous_count := count(security.dangerous_checkouts) + count(security.injections)

dangerous_workflow := {"score": -1, "reason": "no GitHub Actions workflow", "same_as_scorecard": true, "differences": ""} if {
	has_security
	count(github_workflows) == 0
} else := {"score": 0, "reason": sprintf("%d dangerous pattern(s)", [dangerous_count]), "same_as_scorecard": true, "differences": ""} if {
	has_security
	dangerous_count > 0
} else := {"score": 10, "reason": "no dangerous workflow pattern", "same_as_scorecard": true, "differences": ""} if has_security

# --- Dependency-Update-Tool: presence --------------------------------------------

tools := {t.tool | some t in object.get(facts, "dependency_update_tools", [])}

dependency_update_tool := {"score": 10, "reason": sprintf("update tool configured: %s", [concat(", ", sort(tools))]), "same_as_scorecard": true, "differences": ""} if {
	has_security
	count(tools) > 0
} else := {"score": 0, "reason": "no update tool configured", "same_as_scorecard": true, "differences": ""} if has_security

# --- Fuzzing: presence -------------------------------------------------------------

fuzzing := {"score": 10, "reason": "fuzzing set-up found in the tree", "same_as_scorecard": false, "differences": "the OSS-Fuzz project list is not consulted (offline)"} if {
	has_security
	count(object.get(facts, "fuzzing", [])) > 0
} else := {"score": 0, "reason": "no fuzzing set-up found in the tree", "same_as_scorecard": false, "differences": "the OSS-Fuzz project list is not consulted (offline)"} if has_security

# --- Pinned-Dependencies: weighted proportion --------------------------------------

remote := security.remote_actions

owned := [a | some a in remote; a.github_owned]

third := [a | some a in remote; not a.github_owned]

group(items, weight) := {"pinned": count([i | some i in items; i.pinned]), "total": count(items), "weight": weight}

action_groups := [group(owned, 2), group(third, 8)] if {
	count(owned) > 0
	count(third) > 0
} else := [group(remote, 10)] if count(remote) > 0
else := []

docker_images := [i | some i in object.get(facts, "images", []); i.source == "dockerfile"]

downloads := object.get(facts, "downloads", [])

other_groups := [g | some g in [group(docker_images, 10), {"pinned": 0, "total": count(downloads), "weight": 10}]; g.total > 0]

groups := array.concat(action_groups, other_groups)

weighted_success := sum([x | some g in groups; x := g.pinned * g.weight])

weighted_total := sum([x | some g in groups; x := g.total * g.weight])

pinned_dependencies := {"score": -1, "reason": "no dependencies found", "same_as_scorecard": false, "differences": pinned_differences} if {
	has_security
	weighted_total == 0
} else := {"score": min([10, floor((10 * weighted_success) / weighted_total)]), "reason": sprintf("%d of %d action(s), %d of %d Dockerfile image(s) pinned; %d download(s) run unchecked", [count([a | some a in remote; a.pinned]), count(remote), count([i | some i in docker_images; i.pinned]), count(docker_images), count(downloads)]), "same_as_scorecard": false, "differences": pinned_differences} if has_security

pinned_differences := "GitHub Actions, Dockerfile FROM and download-and-run commands are scored as Scorecard does; pip/npm/go/choco/nuget install commands are not looked at"

# --- Token-Permissions: deductions per workflow --------------------------------------

reduce_by := {"checks": 0.5, "statuses": 0.5, "contents": 10, "packages": 10, "actions": 10, "deployments": 1, "security-events": 1}

jobs_undeclared(w) if {
	some j in w.jobs
	j.permissions == null
}

job_writes(w) := [j | some j in w.jobs; j.permissions != null; security.writes(j.permissions)]

top_writes(w) if {
	w.permissions != null
	security.writes(w.permissions)
}

zeroed(w) if {
	w.permissions == null
	jobs_undeclared(w)
}

zeroed(w) if {
	top_writes(w)
	count(job_writes(w)) > 0
}

zeroed(w) if {
	top_writes(w)
	jobs_undeclared(w)
}

deduction(w) := 0.5 + (0.5 * count(job_writes(w))) if w.permissions == null
else := 0.5 if w.permissions.level == "write-all"
else := sum([object.get(reduce_by, s, 0) | some s in w.permissions.write])

token_permissions := {"score": -1, "reason": "no GitHub Actions workflow", "same_as_scorecard": true, "differences": token_differences} if {
	has_security
	count(github_workflows) == 0
} else := {"score": 0, "reason": "a workflow's token may write with no job-level limit", "same_as_scorecard": true, "differences": token_differences} if {
	has_security
	some w in github_workflows
	zeroed(w)
} else := {"score": max([0, floor(10 - sum([deduction(w) | some w in github_workflows]))]), "reason": "deductions for undeclared or top-level write permissions", "same_as_scorecard": true, "differences": token_differences} if has_security

token_differences := "Scorecard's deductions, applied per workflow without regard to the order in which Scorecard meets its findings"

# --- License: file, at the top level, OSI/FSF approved -------------------------------

license_files := object.get(input, ["files", "inventory", "license"], [])

license_points := (6 + top_level_points) + approved_points if count(license_files) > 0
else := 0

top_level_points := 3 if {
	some f in license_files
	f.location == "root"
} else := 0

approved_points := 1 if {
	some d in object.get(input, ["licenses", "detected"], [])
	some id in d.ids
	licenses.open_license(id)
} else := 0

license := {"score": license_points, "reason": sprintf("%d licence file(s)", [count(license_files)]), "same_as_scorecard": false, "differences": "the licence is recognised from the file's text, not from the forge's licence API"} if input.files

# --- SBOM: source part only -------------------------------------------------------------

sbom_files := [f | some f in object.get(input, ["files", "inventory", "sbom"], []); f.location == "root"]

sbom := {"score": 5, "reason": "SBOM at the repository root", "same_as_scorecard": false, "differences": "release assets are not looked at offline, so at most 5"} if {
	input.files
	count(sbom_files) > 0
} else := {"score": 0, "reason": "no SBOM at the repository root", "same_as_scorecard": false, "differences": "release assets are not looked at offline, so at most 5"} if input.files

# --- Maintained: commits in the last 90 days ---------------------------------------------

history := object.get(input, "history", {})

recent := (history.last_90_days.commits + history.last_90_days.merges) + history.last_90_days.bot_commits

young if time.add_date(time.parse_rfc3339_ns(history.first_commit_time), 0, 0, 90) > time.parse_rfc3339_ns(history.reference_time)

maintained := {"score": 0, "reason": "first commit less than 90 days ago", "same_as_scorecard": false, "differences": maintained_differences} if {
	history.available
	young
} else := {"score": min([10, floor((10 * recent) / 12)]), "reason": sprintf("%d commit(s) in the 90 days up to the reference time", [recent]), "same_as_scorecard": false, "differences": maintained_differences} if history.available

maintained_differences := "commits only: issue activity and the archived flag need the forge's API; repository age is taken from the first commit"

# --- the view ------------------------------------------------------------------------------

risks := {
	"Binary-Artifacts": "High", "Dangerous-Workflow": "Critical", "Dependency-Update-Tool": "High",
	"Fuzzing": "Medium", "License": "Low", "Maintained": "High", "Pinned-Dependencies": "Medium",
	"SBOM": "Medium", "Token-Permissions": "High",
}

computed["Binary-Artifacts"] := binary_artifacts

computed["Dangerous-Workflow"] := dangerous_workflow

computed["Dependency-Update-Tool"] := dependency_update_tool

computed["Fuzzing"] := fuzzing

computed["License"] := license

computed["Maintained"] := maintained

computed["Pinned-Dependencies"] := pinned_dependencies

computed["SBOM"] := sbom

computed["Token-Permissions"] := token_permissions

checks := [object.union(computed[name], {"name": name, "risk": risks[name], "documentation": doc_url(name)}) | some name in sort(object.keys(computed))]

weights := object.get(security.lists, "scorecard_risk_weights", {"Critical": 10, "High": 7.5, "Medium": 5, "Low": 2.5})

conclusive := [c | some c in checks; c.score >= 0]

aggregate := round((sum([x | some c in conclusive; x := weights[c.risk] * c.score]) / sum([weights[c.risk] | some c in conclusive])) * 10) / 10 if count(conclusive) > 0
else := -1

not_computed := ["Branch-Protection", "CI-Tests", "CII-Best-Practices", "Code-Review", "Contributors", "Packaging", "SAST", "Security-Policy", "Signed-Releases", "Vulnerabilities", "Webhooks"]

default view := null

view := {
	"based_on": "OpenSSF Scorecard v5 check documentation and scoring",
	"score": aggregate,
	"checks": checks,
	"not_computed": not_computed,
} if repository

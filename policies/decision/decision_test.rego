package dpgcheck.decision_test

import data.dpgcheck.decision

# No git history: the history rules report insufficient evidence, and under the
# joint-governance profile elephant-factor is an error. A README is missing too (an
# error that a commit can fix).
no_history := {
	"facts_version": "1.0",
	"history": {"available": false, "reason": "no-git"},
	"files": {"inventory": {"readme": []}},
}

with_options(options) := object.union(no_history, {"options": object.union({"profile": "joint-governance"}, options)})

blocking_rules(result) := {f.rule_id | some f in result.findings; result.rules[f.rule_id].blocking}

test_fail_working_tree_run_blocks_on_history if {
	result := decision.main with input as with_options({})
	result.rules["elephant-factor"].severity == "error"
	result.rules["elephant-factor"].blocking == true
	not result.rules["elephant-factor"].hook_note
	"elephant-factor" in blocking_rules(result)
	result.verdict == "fail"
}

test_success_staged_run_reports_history_rules_as_notes if {
	result := decision.main with input as with_options({"staged": true})
	some id in ["elephant-factor", "maintainers-multiple-organisations", "actively-maintained", "release-tags", "contributor-absence-factor"]
	result.rules[id].severity == "info"
	result.rules[id].hook_note == true
	result.rules[id].blocking == false
}

test_success_staged_notes_never_block_even_at_fail_on_info if {
	result := decision.main with input as with_options({"staged": true, "fail_on": "info"})
	history_rules := {id | some id, r in result.rules; "history" in object.get(r, "depends_on", [])}
	count(history_rules) == 5
	count(history_rules & blocking_rules(result)) == 0
	"readme" in blocking_rules(result)
}

test_fail_staged_run_still_blocks_on_what_a_commit_can_fix if {
	result := decision.main with input as with_options({"staged": true})
	result.rules.readme.severity == "error"
	not result.rules.readme.hook_note
	blocking_rules(result) == {"readme"}
	result.verdict == "fail"
}

test_fail_staged_run_enforces_history_when_asked if {
	result := decision.main with input as with_options({"staged": true, "hook_history_rules": "enforce"})
	result.rules["elephant-factor"].severity == "error"
	not result.rules["elephant-factor"].hook_note
	"elephant-factor" in blocking_rules(result)
}

test_fail_profile_can_enforce_history_in_staged_runs if {
	result := decision.main with input as with_options({"staged": true})
		with data.dpgcheck.profiles["joint-governance"].hook_history_rules as "enforce"
	"elephant-factor" in blocking_rules(result)
}

test_fail_bundle_config_can_enforce_history_in_staged_runs if {
	result := decision.main with input as with_options({"staged": true})
		with data.dpgcheck.config.hook_history_rules as "enforce"
	"elephant-factor" in blocking_rules(result)
}

test_success_run_option_note_wins_over_profile_enforce if {
	result := decision.main with input as with_options({"staged": true, "hook_history_rules": "note"})
		with data.dpgcheck.profiles["joint-governance"].hook_history_rules as "enforce"
	not "elephant-factor" in blocking_rules(result)
	result.rules["elephant-factor"].hook_note == true
}

test_fail_explicit_run_severity_wins_over_the_note if {
	result := decision.main with input as with_options({"staged": true, "severity": {"elephant-factor": "error"}})
	result.rules["elephant-factor"].severity == "error"
	"elephant-factor" in blocking_rules(result)
	result.rules["release-tags"].hook_note == true
}

test_success_switched_off_history_rule_stays_off_when_staged if {
	result := decision.main with input as with_options({"staged": true})
		with data.dpgcheck.profiles["joint-governance"].severity["elephant-factor"] as "off"
	not result.rules["elephant-factor"]
}

test_fail_unknown_hook_history_rules_is_an_error if {
	result := decision.main with input as with_options({"staged": true, "hook_history_rules": "maybe"})
	result.verdict == "error"
	result.errors == {`unknown hook_history_rules "maybe": use note or enforce`}
}

now := {"now": "2026-06-01T00:00:00Z"}

waiver(expires) := {"rule": "readme", "reason": "r", "owner": "team", "expires": expires}

test_success_waiver_active_until_the_end_of_its_day if {
	decision._waiver_status(waiver("2026-07-31")) == "active" with input.options as now
	decision._waiver_status(waiver("2026-06-01")) == "expiring" with input.options as now
}

test_fail_waiver_expired_the_day_before if {
	decision._waiver_status(waiver("2026-05-31")) == "expired" with input.options as now
}

test_success_waiver_expiring_within_the_configured_days if {
	decision._waiver_status(waiver("2026-06-20")) == "expiring" with input.options as now
	decision._waiver_status(waiver("2026-06-20")) == "active" with input.options as now
		with data.dpgcheck.config.waivers as {"warn_within_days": 10}
}

test_fail_waiver_of_a_rule_not_waivable if {
	decision._waiver_status(waiver("2026-12-31")) == "not_waivable" with input.options as now
		with data.dpgcheck.config.waivers as {"not_waivable": ["readme"]}
}

test_success_path_scoped_waiver_matches_a_glob if {
	w := object.union(waiver("2026-12-31"), {"path": "docs/*.md"})
	decision._waiver_matches(w, {"rule_id": "readme", "location": {"path": "docs/a.md"}})
	not decision._waiver_matches(w, {"rule_id": "readme", "location": {"path": "docs/sub/a.md"}})
	not decision._waiver_matches(w, {"rule_id": "readme", "location": null})
}

test_success_override_effects if {
	decision._effect({"path": ["config", "fail_on"], "base": "error", "value": "never"}) == "weakens"
	decision._effect({"path": ["config", "fail_on"], "base": "warning", "value": "info"}) == "strengthens"
	decision._effect({"path": ["config", "profile"], "base": "default", "value": "x"}) == "weakens"
	decision._effect({"path": ["config", "thresholds", "max_inactive_months"], "base": 12, "value": 6}) == "changes"
	decision._effect({"path": ["licenses", "dpga", "categories", "software", "licenses"], "base": "107 entries", "value": "x", "replaced": true}) == "replaces"
}

test_fail_lowered_severity_weakens if {
	decision._effect({"path": ["profiles", "p", "severity", "readme"], "base": "error", "value": "info"}) == "weakens"
	decision._effect({"path": ["config", "severity", "readme"], "base": null, "value": "off"}) == "weakens"
		with data.dpgcheck.catalog.rules as {"readme": {"severity": "warning"}}
}

test_success_rule_warns_before_effective_on if {
	decision.active.readme.severity == "warning" with input as {"options": now}
		with data.dpgcheck.catalog.rules.readme.severity as "error"
		with data.dpgcheck.catalog.rules.readme.effective_on as "2026-07-01"
	decision.active.readme.severity == "error" with input as {"options": now}
		with data.dpgcheck.catalog.rules.readme.severity as "error"
		with data.dpgcheck.catalog.rules.readme.effective_on as "2026-06-01"
	decision.active.readme.severity == "error" with input as {"options": now}
		with data.dpgcheck.catalog.rules.readme.severity as "error"
}

# --- the Scorecard-shaped view, computed unless the run says its report will not show it ---

with_a_workflow := object.union(no_history, {
	"subject": {"kind": "repository"},
	"security": {
		"workflows": [{"path": ".github/workflows/ci.yml", "system": "github-actions", "readable": true, "triggers": ["push"], "permissions": null, "jobs": []}],
		"binaries": [], "dependency_update_tools": [], "fuzzing": [], "actions": [], "images": [], "downloads": [], "checkouts": [], "expressions": [],
	},
})

test_success_scorecard_view_is_in_the_decision_by_default if {
	result := decision.main with input as with_a_workflow
	[c.name | some c in result.scorecard.checks] == ["Binary-Artifacts", "Dangerous-Workflow", "Dependency-Update-Tool", "Fuzzing", "License", "Pinned-Dependencies", "SBOM", "Token-Permissions"]
	result.errors == set()
}

test_success_scorecard_false_leaves_the_view_out_and_the_verdict_alone if {
	full := decision.main with input as with_a_workflow
	result := decision.main with input as object.union(with_a_workflow, {"options": {"scorecard": false}})
	result.scorecard == null
	object.remove(result, ["scorecard"]) == object.remove(full, ["scorecard"])
}

test_fail_scorecard_option_that_is_not_a_boolean if {
	result := decision.main with input as object.union(with_a_workflow, {"options": {"scorecard": "no"}})
	result.errors == {`options.scorecard must be true or false, not "no"`}
	result.verdict == "error"
}

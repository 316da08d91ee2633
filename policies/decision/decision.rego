# METADATA
# title: The dpgcheck decision
# description: |
#   Gathers the findings of every rule package under data.dpgcheck.rules, keeps
#   those the selected profile includes and the configuration does not disable,
#   applies severity overrides, and returns the verdict with a summary by
#   severity, area and DPG indicator. Query data.dpgcheck.decision.main with the
#   facts document as input. The rule catalogue (data.dpgcheck.catalog) comes
#   from the METADATA annotations of the rule packages.
package dpgcheck.decision

import data.dpgcheck.lib.config

decision_version := "1.0"

default _catalog := {}

_catalog := data.dpgcheck.catalog.rules

_severity_rank := {"info": 1, "warning": 2, "error": 3}

_fail_on_rank := {"info": 1, "warning": 2, "error": 3, "never": 4}

fail_on := object.get(config.effective, "fail_on", "error")

_profile := object.get(config.profiles, config.profile_name, null)

# --- selection -------------------------------------------------------------

# A selector is "*", a rule id, "rule:<id>", "area:<area>", "indicator:<n>" or "profile:<name>".
# What each one means is decided here: each selector a run uses is read once and names its
# rules from the catalogue entries (id, area, indicator, profiles), so selection costs a pass
# over the catalogue per selector, not a set of selector strings built for every rule.
_catalog_ids := {id | some id, _ in _catalog}

_named_by(selector) := _catalog_ids if selector == "*"
else := {id |
	area := substring(selector, count("area:"), -1)
	some id, rule in _catalog
	rule.area == area
} if startswith(selector, "area:")
else := {id |
	indicator := substring(selector, count("indicator:"), -1)
	some id, rule in _catalog
	rule.indicator != null
	sprintf("%s", [rule.indicator]) == indicator
} if startswith(selector, "indicator:")
else := {id |
	profile := substring(selector, count("profile:"), -1)
	some id, rule in _catalog
	profile in object.get(rule, "profiles", [])
} if startswith(selector, "profile:")
else := {substring(selector, count("rule:"), -1)} & _catalog_ids if startswith(selector, "rule:")
else := {selector} & _catalog_ids

# A profile that includes another ("profile:<name>") gets all of it: config.included_profiles
# is the selected profile and every profile it includes, at any depth.
_include_selectors := {s | some name in config.included_profiles; some s in object.get(config.profiles[name], "include", [])} | {sprintf("profile:%s", [name]) | some name in config.included_profiles}

_exclude_selectors := {s | some name in config.included_profiles; some s in object.get(config.profiles[name], "exclude", [])} | {s | some s in object.get(config.effective, "disabled", [])}

# Every selector the run and its bundles write, and the rules each names: worked out once, for
# the selection and for the errors about selectors that name no rule.
_all_selectors := ((_include_selectors | _exclude_selectors)
	| {s | some s in object.get(config.options, "disabled", [])})
	| {s | some s in object.get(config.bundle_config, "disabled", [])}

_rules_named := {selector: _named_by(selector) | some selector in _all_selectors}

_included_ids := {id | some selector in _include_selectors; some id in _rules_named[selector]}

_excluded_ids := {id | some selector in _exclude_selectors; some id in _rules_named[selector]}

# A rule in the catalogue whose package is loaded. data.dpgcheck.dispatch is generated
# from the catalogue when the bundles are loaded (dpgcheck/bundle/dispatch.py, and baked
# into `dpgcheck bundle build`): one direct reference per rule, so an engine evaluates the
# selected rule packages only, instead of every package under data.dpgcheck.rules.
_loaded_ids := data.dpgcheck.dispatch.loaded

# Severity: run configuration wins over the profile (with what it includes), the profile over
# the rule's own. A rule whose METADATA gives an effective_on date later than the evaluation
# clock only warns until then (a grace period for new criteria).
_profile_severity := config.profile_section("severity")

_effective_severity := object.get(config.effective, "severity", {})

# The rules this run selects: in the profile (with what it includes), not excluded, loaded.
_selected contains id if {
	_profile != null
	some id in _included_ids
	not id in _excluded_ids
	id in _loaded_ids
}

# Each selected rule's configured severity, in one pass (a function call per rule costs
# more than the look-ups it makes).
_configured := {id: object.get(_effective_severity, id, object.get(_profile_severity, id, _catalog[id].severity)) | some id in _selected}

# Selected rules whose effective_on date is after the evaluation clock.
_not_yet_effective := {id |
	some id in _selected
	on := _catalog[id].effective_on
	time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [on])) > _now_ns
}

# A staged run (input.options.staged: the pre-commit hooks) judges a commit. A rule whose
# METADATA says its outcome rests on the git history (custom.depends_on: [history]:
# activity, releases, contributors and their organisations) cannot be changed by any
# commit, so there it is reported as a note (severity info) that never blocks, unless the
# configuration says "enforce" (hook_history_rules: run options, then the profile, then
# data.dpgcheck.config) or the run sets that rule's severity itself (--severity).
_staged if object.get(config.options, "staged", false) == true

_hook_history_rules := object.get(
	config.options, "hook_history_rules",
	object.get(object.get(config.profiles, config.profile_name, {}), "hook_history_rules", object.get(config.bundle_config, "hook_history_rules", "note")),
)

_hook_notes := {id |
	_staged
	_hook_history_rules == "note"
	some id in _selected
	"history" in object.get(_catalog[id], "depends_on", [])
	not object.get(config.options, "severity", {})[id]
}

_adjusted(id, severity) := "info" if {
	id in _hook_notes
	severity in object.keys(_severity_rank)
} else := "warning" if {
	id in _not_yet_effective
	severity == "error"
} else := severity

# Each selected rule's severity ("off" leaves the rule out): the configured one, adjusted
# for the few rules that are hook notes or not yet effective.
_severities := object.union(_configured, {id: _adjusted(id, _configured[id]) | some id in _hook_notes | _not_yet_effective})

# The rules this run evaluates and the severity of each (a severity of "off" leaves one out).
# The decision reads this map and the catalogue; active, the catalogue entries with their
# severity, is for those who ask for it (`dpgcheck policy list --profile`): merging an entry
# costs more than reading it.
_active_severities := {id: severity |
	some id, severity in _severities
	_severity_rank[severity]
}

active[id] := object.union(_catalog[id], {"severity": severity}) if some id, severity in _active_severities

# --- findings --------------------------------------------------------------

# Each active rule's findings as an array of its own, so a rule's status reads its own instead
# of searching every finding; findings joins them. Arrays, not sets: a rule's findings are a
# set already, so each of them is reported once, and building a set again compares its objects
# with one another (with 600 findings of one rule that took half of the decision's 80 ms). The
# order of findings is the engine's: dpgcheck sorts them (severity, rule, place, message).
_raw_findings[id] := [found |
	rule := _catalog[id]
	indicator := object.get(rule, "indicator", null)
	some raw in data.dpgcheck.dispatch.findings(id)
	found := {
		"rule_id": id,
		"area": rule.area,
		"severity": severity,
		"indicator": indicator,
		"outcome": object.get(raw, "outcome", "fail"),
		"message": raw.message,
		"evidence": object.get(raw, "evidence", {}),
		"location": object.get(raw, "location", null),
	}
] if some id, severity in _active_severities

# A rule that no waiver names keeps its findings as they are: the waiver look-ups, a few
# function calls per finding, are made only for the rules waivers name (and with no waiver at
# all, the rules' findings are taken as one object, without a step per rule).
_waived_rules := {w.rule | some w in _waivers}

_findings_by_rule := _raw_findings if count(_waived_rules) == 0

_findings_by_rule := object.union(_raw_findings, {id: [object.union(f, _waiver_fields(f)) | some f in fs] |
	some id, fs in _raw_findings
	id in _waived_rules
}) if count(_waived_rules) > 0

findings := [f | some fs in _findings_by_rule; some f in fs]

# --- waivers ---------------------------------------------------------------

# A repository's waivers (.dpgcheck.yaml) travel in input.options.waivers, each
# {rule, path (optional, a glob), reason, owner, expires (YYYY-MM-DD, valid through that day,
# UTC)}, judged against the pinned clock input.options.now. A waived finding stays in the
# findings with outcome "waived" and its waiver; it no longer blocks. An expired waiver, or
# one for a rule the bundles mark not waivable, leaves the finding as it was (with its waiver).
_waivers := object.get(config.options, "waivers", [])

_waiver_config := object.get(config.bundle_config, "waivers", {})

_not_waivable := {id | some id in object.get(_waiver_config, "not_waivable", [])}

_now_ns := time.parse_rfc3339_ns(config.options.now)

_expires_ns(waiver) := time.parse_rfc3339_ns(sprintf("%sT23:59:59Z", [waiver.expires]))

_waiver_days_left(waiver) := floor((_expires_ns(waiver) - _now_ns) / ((24 * 60) * 60e9))

_waiver_status(waiver) := "not_waivable" if waiver.rule in _not_waivable
else := "expired" if _expires_ns(waiver) < _now_ns
else := "expiring" if _waiver_days_left(waiver) < object.get(_waiver_config, "warn_within_days", 30)
else := "active"

_finding_path(f) := f.location.path if is_string(f.location.path)

_waiver_matches(waiver, f) if {
	waiver.rule == f.rule_id
	not waiver.path
}

_waiver_matches(waiver, f) if {
	waiver.rule == f.rule_id
	glob.match(waiver.path, ["/"], _finding_path(f))
}

_waiver_for(f) := matching[0] if {
	matching := [w | some w in _waivers; _waiver_matches(w, f)]
	count(matching) > 0
}

_waiver_fields(f) := {"outcome": "waived", "waiver": object.union(_waiver_for(f), {"status": status})} if {
	status := _waiver_status(_waiver_for(f))
	status in {"active", "expiring"}
} else := {"waiver": object.union(_waiver_for(f), {"status": _waiver_status(_waiver_for(f))})} if {
	_waiver_for(f)
} else := {}

# Warnings about waivers: about to expire, expired, refused. They do not change the verdict.
warnings contains msg if {
	some w in _waivers
	_waiver_status(w) == "expiring"
	msg := sprintf("the waiver of %q (owner %s) expires on %s, in %d days: renew it or fix the findings", [w.rule, w.owner, w.expires, _waiver_days_left(w)])
}

warnings contains msg if {
	some w in _waivers
	_waiver_status(w) == "expired"
	msg := sprintf("the waiver of %q (owner %s) expired on %s: its findings count again", [w.rule, w.owner, w.expires])
}

warnings contains msg if {
	some w in _waivers
	_waiver_status(w) == "not_waivable"
	msg := sprintf("rule %q may not be waived (the policy bundle says so): its waiver is ignored", [w.rule])
}

errors contains msg if {
	count(_waivers) > 0
	not config.options.now
	msg := "waivers need the evaluation clock (input.options.now) to judge their expiry"
}

errors contains msg if {
	some w in _waivers
	not _catalog[w.rule]
	msg := sprintf("the waiver of %q names no loaded rule", [w.rule])
}

errors contains msg if {
	some w in _waivers
	not time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [w.expires]))
	msg := sprintf("the waiver of %q has expires %q, which is not a date", [w.rule, w.expires])
}

# --- per-rule and per-indicator status -------------------------------------

# The rules with a failing error finding, and those with a finding that lacks evidence: one
# pass over the findings, instead of searches through each rule's findings in turn.
_failing_rules := {f.rule_id |
	some f in findings
	f.outcome == "fail"
	f.severity == "error"
}

_insufficient_rules := {f.rule_id |
	some f in findings
	f.outcome == "insufficient_evidence"
}

_status_of(id) := "fail" if id in _failing_rules
else := "insufficient_evidence" if id in _insufficient_rules
else := "warn" if count(_findings_by_rule[id]) > 0
else := "not_applicable" if data.dpgcheck.dispatch.not_applicable(id)
else := "pass"

_rule_entries := {id: object.union(_catalog[id], {"severity": severity, "status": _status_of(id), "blocking": id in _blocking_rules}) |
	some id, severity in _active_severities
}

# Only a staged run's notes carry the hook_note field: other decisions stay as they were (and
# are built without asking, rule by rule, whether each is a note).
rules := _rule_entries if count(_hook_notes) == 0

rules := object.union(_rule_entries, {id: {"hook_note": true} | some id in _hook_notes; _rule_entries[id]}) if count(_hook_notes) > 0

_worst(statuses) := "fail" if "fail" in statuses
else := "insufficient_evidence" if "insufficient_evidence" in statuses
else := "pass" if {
	some s in statuses
	s in {"pass", "warn"}
} else := "not_applicable"

# Each indicator once (several rules share one), then the statuses of its rules.
# (Passes over the rules' entries: a look-up by a variable key costs an engine more than a step
# of a loop.)
_indicator_values := {rule.indicator | some rule in rules}

indicators[indicator] := _worst({rule.status | some rule in rules; rule.indicator == indicator}) if some indicator in _indicator_values

# --- verdict ---------------------------------------------------------------

_blocking_rules := {f.rule_id | some f in _blocking}

# The findings that make the run fail (an array: they are distinct findings already).
_blocking := [f |
	some f in findings
	f.outcome != "waived"
	_severity_rank[f.severity] >= _fail_on_level
	not f.rule_id in _hook_notes
]

_fail_on_level := _fail_on_rank[fail_on]

# The facts document versions these policies read. Anything else (or no version: a
# document that is not dpgcheck facts) is refused, never judged as compliant.
_supported_facts_versions := {"1.0", "1.1", "2.0", "3.0"}

# A helper rule, not `not input.facts_version in ...`: OPA and regorus disagree on a negated
# expression over a missing input field.
_facts_version_supported if input.facts_version in _supported_facts_versions

errors contains msg if {
	not _facts_version_supported
	msg := sprintf("the input is not a dpgcheck facts document of a supported version (facts_version %v; supported: %v)", [object.get(input, "facts_version", null), _supported_facts_versions])
}

errors contains msg if {
	_profile == null
	msg := sprintf("unknown profile %q: choose one of %v", [config.profile_name, object.keys(config.profiles)])
}

errors contains msg if {
	_profile != null
	count(_active_severities) == 0
	msg := sprintf("no rule was evaluated: profile %q selects no loaded rule (check the profile, --disable and the bundles loaded)", [config.profile_name])
}

errors contains msg if {
	not _hook_history_rules in {"note", "enforce"}
	msg := sprintf("unknown hook_history_rules %q: use note or enforce", [_hook_history_rules])
}

errors contains msg if {
	not _fail_on_rank[fail_on]
	msg := sprintf("unknown fail_on level %q: use error, warning, info or never", [fail_on])
}

# A misspelt rule id in the run options must not silently leave a policy unchanged.
_known_selector(selector) if count(_rules_named[selector]) > 0

_known_selector(selector) if {
	startswith(selector, "profile:")
	config.profiles[substring(selector, count("profile:"), -1)]
}

errors contains msg if {
	some id, _ in object.get(config.options, "severity", {})
	not _catalog[id]
	msg := sprintf("unknown rule %q in the severity options (--severity): see `dpgcheck policy list`", [id])
}

errors contains msg if {
	some selector in object.get(config.options, "disabled", [])
	not _known_selector(selector)
	msg := sprintf("%q in the disabled options (--disable) selects no rule: use a rule id, area:<area>, indicator:<n> or profile:<name>", [selector])
}

# A severity override or an exclusion that matches no loaded rule is an error wherever it is
# written (a profile, one it includes, the bundle configuration): it would silently leave a
# policy unchanged.
errors contains msg if {
	some name in config.included_profiles
	some id, _ in object.get(config.profiles[name], "severity", {})
	not _catalog[id]
	msg := sprintf("profile %q sets the severity of %q, which is not a loaded rule", [name, id])
}

errors contains msg if {
	some name in config.included_profiles
	some key in {"include", "exclude"}
	some selector in object.get(config.profiles[name], key, [])
	not _known_selector(selector)
	msg := sprintf("profile %q: %s selector %q selects no loaded rule", [name, key, selector])
}

errors contains msg if {
	some id, _ in object.get(config.bundle_config, "severity", {})
	not _catalog[id]
	msg := sprintf("the bundle configuration (data.dpgcheck.config.severity) sets the severity of %q, which is not a loaded rule", [id])
}

errors contains msg if {
	some selector in object.get(config.bundle_config, "disabled", [])
	not _known_selector(selector)
	msg := sprintf("the bundle configuration (data.dpgcheck.config.disabled): %q selects no loaded rule", [selector])
}

verdict := "error" if count(errors) > 0
else := "fail" if count(_blocking) > 0
else := "pass"

# An array, not a set: the findings are already distinct, and a set of objects is ordered by
# comparing them.
_count_by(field, value) := count([f | some f in findings; f[field] == value])

summary := {
	"findings": count(findings),
	"blocking": count(_blocking),
	"rules_evaluated": count(_active_severities),
	"rules_by_status": {s: count({id | some id, r in rules; r.status == s}) | some s in {"pass", "fail", "warn", "insufficient_evidence", "not_applicable"}},
	"by_severity": {s: _count_by("severity", s) | some s, _ in _severity_rank},
	"by_area": {a: _count_by("area", a) | some a in {rule.area | some rule in rules}},
	"by_indicator": {i: _count_by("indicator", i) | some i in _indicator_values},
}

# The Scorecard-shaped view (policies/scorecard): scores to compare, not part of the verdict.
# A run whose report does not show it passes input.options.scorecard = false, and it is
# then null rather than computed; without the option it is always there.
default scorecard := null

scorecard := data.dpgcheck.scorecard.view if not _scorecard_off

_scorecard_off if config.options.scorecard == false

errors contains msg if {
	value := object.get(config.options, "scorecard", true)
	not is_boolean(value)
	msg := sprintf("options.scorecard must be true or false, not %s", [json.marshal(value)])
}

# --- bundles loaded, and what each overlay changes in the base ------------

# data.dpgcheck.catalog.bundles lists the bundles loaded, in order, with every value an
# overlay's data changed in the data loaded before it ({path, base, value}, paths below
# data.dpgcheck). Whether a change weakens the base is judged here.
default _loaded_bundles := []

_loaded_bundles := data.dpgcheck.catalog.bundles

_base_or(change, fallback) := change.base if change.base != null
else := fallback

_severity_level(s) := object.get(_severity_rank, s, 0) # "off" is 0

# [old, new] severity of a severity override (config.severity.<id> or profiles.<p>.severity.<id>).
_severity_pair(change) := [_base_or(change, _catalog[id].severity), change.value] if {
	n := count(change.path)
	n >= 3
	change.path[n - 2] == "severity"
	id := change.path[n - 1]
}

_weakens(change) if {
	change.path == ["config", "fail_on"]
	_fail_on_rank[change.value] > _fail_on_rank[_base_or(change, "error")]
}

_weakens(change) if change.path == ["config", "profile"]

_weakens(change) if change.path == ["config", "disabled"]

_weakens(change) if {
	change.path[0] == "profiles"
	change.path[2] in {"include", "exclude"}
}

_weakens(change) if {
	[old, new] := _severity_pair(change)
	_severity_level(new) < _severity_level(old)
}

_strengthens(change) if {
	change.path == ["config", "fail_on"]
	_fail_on_rank[change.value] < _fail_on_rank[_base_or(change, "error")]
}

_strengthens(change) if {
	[old, new] := _severity_pair(change)
	_severity_level(new) > _severity_level(old)
}

_effect(change) := "weakens" if _weakens(change)
else := "strengthens" if _strengthens(change)
else := "replaces" if change.replaced == true
else := "changes"

bundles := [object.union(b, {"overrides": [object.union(c, {"effect": _effect(c)}) | some c in b.overrides]}) | some b in _loaded_bundles]

# The titles of DPG indicators and rule areas the reports show (data.dpgcheck.titles: an
# overlay may retitle one or add its own area).
default _titles := {"indicators": {}, "areas": {}}

_titles := object.union({"indicators": {}, "areas": {}}, data.dpgcheck.titles)

main := {
	"bundles": bundles,
	"warnings": warnings,
	"decision_version": decision_version,
	"profile": config.profile_name,
	"fail_on": fail_on,
	"verdict": verdict,
	"errors": errors,
	"findings": findings,
	"rules": rules,
	"indicators": indicators,
	"summary": summary,
	"scorecard": scorecard,
	"titles": _titles,
}

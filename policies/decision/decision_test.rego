package dpgcheck.decision_test

import data.dpgcheck.decision

now := {"now": "2026-06-01T00:00:00Z"}

waiver(expires) := {"rule": "readme", "reason": "r", "owner": "team", "expires": expires}

test_success_waiver_active_until_the_end_of_its_day if {
	decision.waiver_status(waiver("2026-07-31")) == "active" with input.options as now
	decision.waiver_status(waiver("2026-06-01")) == "expiring" with input.options as now
}

test_fail_waiver_expired_the_day_before if {
	decision.waiver_status(waiver("2026-05-31")) == "expired" with input.options as now
}

test_success_waiver_expiring_within_the_configured_days if {
	decision.waiver_status(waiver("2026-06-20")) == "expiring" with input.options as now
	decision.waiver_status(waiver("2026-06-20")) == "active" with input.options as now
		with data.dpgcheck.config.waivers as {"warn_within_days": 10}
}

test_fail_waiver_of_a_rule_not_waivable if {
	decision.waiver_status(waiver("2026-12-31")) == "not_waivable" with input.options as now
		with data.dpgcheck.config.waivers as {"not_waivable": ["readme"]}
}

test_success_path_scoped_waiver_matches_a_glob if {
	w := object.union(waiver("2026-12-31"), {"path": "docs/*.md"})
	decision.waiver_matches(w, {"rule_id": "readme", "location": {"path": "docs/a.md"}})
	not decision.waiver_matches(w, {"rule_id": "readme", "location": {"path": "docs/sub/a.md"}})
	not decision.waiver_matches(w, {"rule_id": "readme", "location": null})
}

test_success_override_effects if {
	decision.effect({"path": ["config", "fail_on"], "base": "error", "value": "never"}) == "weakens"
	decision.effect({"path": ["config", "fail_on"], "base": "warning", "value": "info"}) == "strengthens"
	decision.effect({"path": ["config", "profile"], "base": "default", "value": "x"}) == "weakens"
	decision.effect({"path": ["config", "thresholds", "max_inactive_months"], "base": 12, "value": 6}) == "changes"
	decision.effect({"path": ["licenses", "dpga", "categories", "software", "licenses"], "base": "107 entries", "value": "x", "replaced": true}) == "replaces"
}

test_fail_lowered_severity_weakens if {
	decision.effect({"path": ["profiles", "p", "severity", "readme"], "base": "error", "value": "info"}) == "weakens"
	decision.effect({"path": ["config", "severity", "readme"], "base": null, "value": "off"}) == "weakens"
		with data.dpgcheck.catalog.rules as {"readme": {"severity": "warning"}}
}

test_success_rule_warns_before_effective_on if {
	decision.severity_of("x", {"severity": "error", "effective_on": "2026-07-01"}) == "warning" with input.options as now
	decision.severity_of("x", {"severity": "error", "effective_on": "2026-06-01"}) == "error" with input.options as now
	decision.severity_of("x", {"severity": "error"}) == "error" with input.options as now
}

package dpgcheck.rules.stewardship["maintainers-multiple-organisations_test"]

import data.dpgcheck.rules.stewardship["maintainers-multiple-organisations"] as rule

thresholds := {
	"history_windows": {"last_90_days": 90, "last_12_months": 365}, "stewardship_window": "last_12_months", "min_organisations": 2,
	"min_maintainer_organisation_share": 0.1, "max_unknown_organisation_share": 0.5,
}

no_declared := {"files": [], "addresses": 0, "handles": 0, "organisations": [], "unknown_organisation": 0}

shared := {
	"commits": 40, "unknown_organisation_share": 0.1,
	"organisations": [
		{"name": "ict.go.ke", "commits": 20, "share": 0.5556, "contributors": 3},
		{"name": "serpro.gov.br", "commits": 14, "share": 0.3889, "contributors": 2},
		{"name": "tiny.example.net", "commits": 2, "share": 0.0556, "contributors": 1},
	],
}

vendor := {
	"commits": 30, "unknown_organisation_share": 0,
	"organisations": [{"name": "acme-systems.com", "commits": 28, "share": 0.9333, "contributors": 4}, {"name": "ict.go.ke", "commits": 2, "share": 0.0667, "contributors": 1}],
}

history(declared, window) := {"available": true, "shallow": false, "maintainers": declared, "last_12_months": window}

test_fail_declared_single_organisation if {
	declared := {"files": [".github/CODEOWNERS", "MAINTAINERS.md"], "addresses": 3, "handles": 1, "organisations": ["acme-systems.com"], "unknown_organisation": 0}
	rule.findings == {{
		"message": "The maintainers listed in .github/CODEOWNERS, MAINTAINERS.md belong to 1 known organisation(s) (acme-systems.com); at least 2 are expected",
		"evidence": {"source": "declared", "files": [".github/CODEOWNERS", "MAINTAINERS.md"], "organisations": ["acme-systems.com"], "unknown_organisation": 0, "min_organisations": 2},
		"location": {"path": ".github/CODEOWNERS"},
	}} with input as {"history": history(declared, shared)} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_declared_webmail_could_be_another_organisation if {
	declared := {"files": ["MAINTAINERS.md"], "addresses": 3, "handles": 0, "organisations": ["acme-systems.com"], "unknown_organisation": 1}
	rule.findings == {{
		"message": "The maintainers listed in MAINTAINERS.md belong to 1 known organisation(s) (acme-systems.com) and 1 address(es) of unknown organisation (webmail); map them with --affiliations to show at least 2 organisations",
		"evidence": {"source": "declared", "files": ["MAINTAINERS.md"], "organisations": ["acme-systems.com"], "unknown_organisation": 1, "min_organisations": 2},
		"location": {"path": "MAINTAINERS.md"},
		"outcome": "insufficient_evidence",
	}} with input as {"history": history(declared, shared)} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_declared_only_webmail_and_three_required if {
	declared := {"files": ["MAINTAINERS"], "addresses": 1, "handles": 0, "organisations": [], "unknown_organisation": 1}
	rule.findings == {{
		"message": "The maintainers listed in MAINTAINERS belong to 0 known organisation(s) (none); at least 3 are expected",
		"evidence": {"source": "declared", "files": ["MAINTAINERS"], "organisations": [], "unknown_organisation": 1, "min_organisations": 3},
		"location": {"path": "MAINTAINERS"},
	}} with input as {"history": history(declared, shared)} with data.dpgcheck.config.thresholds as object.union(thresholds, {"min_organisations": 3})
}

test_success_declared_two_organisations_even_if_history_is_one_vendor if {
	declared := {"files": ["MAINTAINERS"], "addresses": 2, "handles": 0, "organisations": ["ict.go.ke", "serpro.gov.br"], "unknown_organisation": 0}
	rule.findings == set() with input as {"history": history(declared, vendor)} with data.dpgcheck.config.thresholds as thresholds
}

test_success_declared_without_git if {
	declared := {"files": ["MAINTAINERS"], "addresses": 2, "handles": 0, "organisations": ["ict.go.ke", "serpro.gov.br"], "unknown_organisation": 0}
	rule.findings == set() with input as {"history": {"available": false, "reason": "no-git", "shallow": false, "maintainers": declared}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_success_history_two_organisations if {
	rule.findings == set() with input as {"history": history(no_declared, shared)} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_history_single_vendor if {
	rule.findings == {{
		"message": "No maintainer addresses in CODEOWNERS or MAINTAINERS; in the git history (last_12_months) 1 organisation(s) made at least 10% of the commits (acme-systems.com); at least 2 are expected",
		"evidence": {"source": "history", "window": "last_12_months", "organisations": ["acme-systems.com"], "min_maintainer_organisation_share": 0.1, "min_organisations": 2},
	}} with input as {"history": history(no_declared, vendor)} with data.dpgcheck.config.thresholds as thresholds
}

test_fail_history_with_three_required if {
	rule.findings == {{
		"message": "No maintainer addresses in CODEOWNERS or MAINTAINERS; in the git history (last_12_months) 2 organisation(s) made at least 10% of the commits (ict.go.ke, serpro.gov.br); at least 3 are expected",
		"evidence": {"source": "history", "window": "last_12_months", "organisations": ["ict.go.ke", "serpro.gov.br"], "min_maintainer_organisation_share": 0.1, "min_organisations": 3},
	}} with input as {"history": history(no_declared, shared)} with data.dpgcheck.config.thresholds as object.union(thresholds, {"min_organisations": 3})
}

test_fail_insufficient_unknown_organisations if {
	rule.findings == {{
		"message": "No maintainer addresses in CODEOWNERS or MAINTAINERS, and the organisation is unknown for too many commits in the window last_12_months to tell the maintaining organisations; list the maintainers or pass --affiliations",
		"evidence": {"source": "history", "window": "last_12_months", "commits": 30, "unknown_organisation_share": 0.9, "max_unknown_organisation_share": 0.5},
		"outcome": "insufficient_evidence",
	}} with input as {"history": history(no_declared, object.union(vendor, {"unknown_organisation_share": 0.9}))}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_no_git if {
	rule.findings == {{
		"message": "No maintainer addresses in CODEOWNERS or MAINTAINERS and no git history, so the maintainers' organisations cannot be told",
		"evidence": {"source": "history", "reason": "no-git"},
		"outcome": "insufficient_evidence",
	}} with input as {"history": {"available": false, "reason": "no-git", "shallow": false, "maintainers": no_declared}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_shallow if {
	rule.findings == {{
		"message": "No maintainer addresses in CODEOWNERS or MAINTAINERS and only a shallow clone, so the maintaining organisations cannot be told; fetch the full history (git fetch --unshallow) or list the maintainers",
		"evidence": {"source": "history", "shallow": true},
		"outcome": "insufficient_evidence",
	}} with input as {"history": {"available": true, "shallow": true, "maintainers": no_declared, "last_12_months": shared}}
		with data.dpgcheck.config.thresholds as thresholds
}

test_fail_insufficient_window_not_in_the_facts if {
	rule.findings == {{
		"outcome": "insufficient_evidence",
		"message": "The facts hold no history window of 180 days (last_6_months, in the threshold history_windows), only of [365] days; collect them again with this bundle (dpgcheck check, or dpgcheck facts --bundle)",
		"evidence": {"window": "last_6_months", "days": 180, "facts_window_days": [365]},
	}} with input as {"history": {"available": true, "shallow": false, "maintainers": no_declared, "windows": [object.union(shared, {"days": 365})]}}
		with data.dpgcheck.config.thresholds as object.union(thresholds, {"history_windows": {"last_6_months": 180}, "stewardship_window": "last_6_months"})
}

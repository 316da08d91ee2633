package dpgcheck.rules.governance["changelog-maintained_test"]

import data.dpgcheck.rules.governance["changelog-maintained"] as rule

config := {"thresholds": {"changelog_min_entries": 1}}

no_changelog := {
	"documents": {"changelog": []},
	"changelog": {"path": null, "entries": 0, "latest_version": null, "unreleased_section": false},
}

changelog(entries, unreleased) := {
	"documents": {"changelog": [{"path": "CHANGELOG.md", "location": "root", "size": 120, "topics": []}]},
	"changelog": {"path": "CHANGELOG.md", "entries": entries, "latest_version": null, "unreleased_section": unreleased},
}

test_fail_missing if {
	rule.findings == {{
		"message": "No changelog found: add CHANGELOG.md summarising the changes in each release",
		"evidence": {"suggested_path": "CHANGELOG.md", "searched": ["root", ".github", "docs", "doc"]},
	}} with input as {"governance": no_changelog}
		with data.dpgcheck.config as config
}

test_fail_only_unreleased if {
	rule.findings == {{
		"message": "CHANGELOG.md names 0 released version(s); at least 1 expected: add a section for each release",
		"evidence": {"entries": 0, "minimum": 1, "unreleased_section": true},
		"location": {"path": "CHANGELOG.md", "line": 1},
	}} with input as {"governance": changelog(0, true)}
		with data.dpgcheck.config as config
}

test_fail_stricter_threshold if {
	rule.findings == {{
		"message": "CHANGELOG.md names 2 released version(s); at least 3 expected: add a section for each release",
		"evidence": {"entries": 2, "minimum": 3, "unreleased_section": false},
		"location": {"path": "CHANGELOG.md", "line": 1},
	}} with input as {"governance": changelog(2, false)}
		with data.dpgcheck.config as {"thresholds": {"changelog_min_entries": 3}}
}

test_success_entries if {
	rule.findings == set() with input as {"governance": changelog(4, true)}
		with data.dpgcheck.config as config
}

test_not_applicable_without_governance_facts if {
	rule.not_applicable with input as {"subject": {"kind": "record"}}
	rule.findings == set() with input as {"subject": {"kind": "record"}} with data.dpgcheck.config as config
}

test_fail_threshold_not_set if {
	rule.findings == {{
		"message": "The threshold changelog_min_entries is not set in data.dpgcheck.config (or the profile): this rule cannot judge",
		"evidence": {"threshold": "changelog_min_entries"},
		"outcome": "insufficient_evidence",
	}} with input as {"governance": changelog(1, false)}
		with data.dpgcheck.config as {"thresholds": {}}
}

pointer(link) := {
	"documents": {"changelog": [{"path": "Changes.md", "location": "root", "size": 160, "topics": []}]},
	"changelog": {"path": "Changes.md", "entries": 0, "latest_version": null, "unreleased_section": false, "release_notes_link": link},
}

# Release notes published on a documentation site, linked from the changelog (issue 17: CHT, Fineract).
test_success_release_notes_linked_elsewhere if {
	rule.findings == set() with input as {"governance": pointer(true)}
		with data.dpgcheck.config as config
}

test_fail_changelog_without_versions_or_release_notes_link if {
	rule.findings == {{
		"message": "Changes.md names 0 released version(s); at least 1 expected: add a section for each release",
		"evidence": {"entries": 0, "minimum": 1, "unreleased_section": false},
		"location": {"path": "Changes.md", "line": 1},
	}} with input as {"governance": pointer(false)}
		with data.dpgcheck.config as config
}

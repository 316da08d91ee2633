# METADATA
# title: Release notes are kept in a changelog
# description: |
#   Adopters, and the governments that procure a codebase, need a
#   human-readable summary of what changed between versions, not a raw git log.
#   The rule expects a changelog (CHANGELOG, CHANGES, HISTORY, NEWS or
#   RELEASE_NOTES at the root, .github/, docs/ or doc/) whose headings or lines
#   name at least changelog_min_entries released versions. Release notes are
#   often published outside the repository (a documentation site, a wiki, the
#   forge's releases page): a changelog that names no version and has no
#   section of its own but links to them (the link's address or the words
#   before it say release notes, releases or changelog) counts as evidence;
#   dpgcheck does not follow the link. A changelog with only an Unreleased
#   section, or no changelog at all, does not. Whether releases are also
#   tagged is the release-tags rule's concern.
# related_resources:
#   - description: OpenSSF Best Practices badge, release_notes
#     ref: https://www.bestpractices.dev/en/criteria/0#0.release_notes
#   - description: Standard for Public Code 0.8.1, criterion "Use a coherent style" / maturity (summary of changes between versions)
#     ref: https://standard.publiccode.net/criteria/document-maturity.html
#   - description: Keep a Changelog
#     ref: https://keepachangelog.com/
# custom:
#   severity: warning
#   principle: release
#   remediation: |
#     Add CHANGELOG.md with one section per released version (for example
#     "## [1.2.0] - 2026-03-01") listing what was added, changed, fixed and
#     deprecated, and update it with every release.
#   profiles: [joint-governance, procurement-minimum, sustainable-use]
package dpgcheck.rules.governance["changelog-maintained"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

default not_applicable := false

not_applicable if not input.governance

_changelog := input.governance.changelog

findings contains finding if {
	input.governance
	count(input.governance.documents.changelog) == 0
	finding := result.fail(
		"No changelog found: add CHANGELOG.md summarising the changes in each release",
		{"suggested_path": "CHANGELOG.md", "searched": ["root", ".github", "docs", "doc"]},
	)
}

findings contains finding if {
	_changelog.path != null
	minimum := config.threshold("changelog_min_entries")
	_changelog.entries < minimum
	not object.get(_changelog, "release_notes_link", false)
	finding := result.fail_at(
		sprintf("%s names %d released version(s); at least %d expected: add a section for each release", [_changelog.path, _changelog.entries, minimum]),
		{"entries": _changelog.entries, "minimum": minimum, "unreleased_section": _changelog.unreleased_section},
		{"path": _changelog.path, "line": 1},
	)
}

# Without the threshold the rule cannot judge: say so rather than pass silently.
findings contains finding if {
	input.governance
	not config.threshold("changelog_min_entries")
	finding := result.insufficient_evidence(
		"The threshold changelog_min_entries is not set in data.dpgcheck.config (or the profile): this rule cannot judge",
		{"threshold": "changelog_min_entries"},
	)
}

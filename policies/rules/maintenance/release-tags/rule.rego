# METADATA
# title: Releases are tagged with versions
# description: |
#   Adopters need identifiable releases to deploy, audit and patch. The git
#   repository must hold at least min_release_tags tags (on any branch: a
#   project may release from maintenance branches) that follow a version
#   scheme (semantic versions such as v1.4.2, calendar versions such as
#   2025.03, or plain numbers such as 1.4), and the latest of them must be no
#   older than max_months_since_release before the evaluation clock
#   (input.options.now; without it, the HEAD commit's time).
# related_resources:
#   - description: Semantic Versioning 2.0.0
#     ref: https://semver.org/
#   - description: Standard for Public Code, criterion "Use continuous integration" / releases and versioning
#     ref: https://standard.publiccode.net/criteria/continuous-integration.html
# custom:
#   severity: warning
#   principle: release-practice
#   remediation: |
#     Tag each release in git with its version (git tag -a v1.2.0 -m "Release
#     1.2.0" && git push --tags), following one scheme, and publish release
#     notes. A shallow clone may lack tags: fetch them (git fetch --tags --unshallow).
#   profiles: [joint-governance, procurement-minimum, sustainable-use]
#   depends_on: [history]
package dpgcheck.rules.maintenance["release-tags"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.history as metrics
import data.dpgcheck.lib.result

_history := object.get(input, "history", {})

_tags := object.get(_history, "tags", {"count": 0, "version_tags": 0, "schemes": {}, "latest_version_tag": null})

_clock := {"source": "options.now", "time": input.options.now} if {
	input.options.now
} else := {"source": "head-commit", "time": _history.reference_time}

findings contains finding if {
	not _history.available
	finding := result.insufficient_evidence(
		"No git history, so release tags cannot be read; run dpgcheck in a git clone",
		{"reason": object.get(_history, "reason", null)},
	)
}

findings contains finding if {
	_history.available
	_tags.version_tags < config.threshold("min_release_tags")
	finding := object.union(
		result.fail(
			sprintf("%d version tag(s) among %d tag(s) in the repository; at least %d expected: tag releases with a version such as v1.2.0 or 2025.03%s", [_tags.version_tags, _tags.count, config.threshold("min_release_tags"), _shallow_note]),
			{
				"version_tags": _tags.version_tags,
				"tags": _tags.count,
				"scheme": metrics.tag_scheme(object.get(_tags, "schemes", {})),
				"min_release_tags": config.threshold("min_release_tags"),
				"shallow": _history.shallow,
			},
		),
		_shallow_outcome,
	)
}

_shallow_note := " (the clone is shallow and may lack tags: git fetch --tags --unshallow)" if _history.shallow
else := ""

_shallow_outcome := {"outcome": "insufficient_evidence"} if _history.shallow
else := {}

findings contains finding if {
	_history.available
	_tags.version_tags >= config.threshold("min_release_tags")
	latest := _tags.latest_version_tag
	months := config.threshold("max_months_since_release")
	time.add_date(time.parse_rfc3339_ns(latest.time), 0, months, 0) < time.parse_rfc3339_ns(_clock.time)
	finding := result.fail(
		sprintf("The latest release tag %s is from %s, more than %d months before %s", [latest.name, substring(latest.time, 0, 10), months, substring(_clock.time, 0, 10)]),
		{
			"latest_version_tag": latest,
			"clock": _clock.time,
			"clock_source": _clock.source,
			"max_months_since_release": months,
		},
	)
}

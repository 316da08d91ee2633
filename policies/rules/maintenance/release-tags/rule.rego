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

history := object.get(input, "history", {})

tags := object.get(history, "tags", {"count": 0, "version_tags": 0, "schemes": {}, "latest_version_tag": null})

clock := {"source": "options.now", "time": input.options.now} if {
	input.options.now
} else := {"source": "head-commit", "time": history.reference_time}

findings contains finding if {
	not history.available
	finding := {
		"message": "No git history, so release tags cannot be read; run dpgcheck in a git clone",
		"evidence": {"reason": object.get(history, "reason", null)},
		"outcome": "insufficient_evidence",
	}
}

findings contains finding if {
	history.available
	tags.version_tags < config.threshold("min_release_tags")
	finding := object.union(
		{
			"message": sprintf("%d version tag(s) among %d tag(s) in the repository; at least %d expected: tag releases with a version such as v1.2.0 or 2025.03%s", [tags.version_tags, tags.count, config.threshold("min_release_tags"), shallow_note]),
			"evidence": {
				"version_tags": tags.version_tags,
				"tags": tags.count,
				"scheme": metrics.tag_scheme(object.get(tags, "schemes", {})),
				"min_release_tags": config.threshold("min_release_tags"),
				"shallow": history.shallow,
			},
		},
		shallow_outcome,
	)
}

shallow_note := " (the clone is shallow and may lack tags: git fetch --tags --unshallow)" if history.shallow
else := ""

shallow_outcome := {"outcome": "insufficient_evidence"} if history.shallow
else := {}

findings contains finding if {
	history.available
	tags.version_tags >= config.threshold("min_release_tags")
	latest := tags.latest_version_tag
	months := config.threshold("max_months_since_release")
	time.add_date(time.parse_rfc3339_ns(latest.time), 0, months, 0) < time.parse_rfc3339_ns(clock.time)
	finding := {
		"message": sprintf("The latest release tag %s is from %s, more than %d months before %s", [latest.name, substring(latest.time, 0, 10), months, substring(clock.time, 0, 10)]),
		"evidence": {
			"latest_version_tag": latest,
			"clock": clock.time,
			"clock_source": clock.source,
			"max_months_since_release": months,
		},
	}
}

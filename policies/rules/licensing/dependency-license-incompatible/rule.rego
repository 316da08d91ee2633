# METADATA
# title: Dependency licences are compatible with the project's licence
# description: |
#   A project distributed under one licence (outbound) can only include or link
#   components whose licences (inbound) allow it: GPL-3.0-only code cannot be
#   shipped inside an Apache-2.0 project, GPL-2.0-only is incompatible with
#   Apache-2.0 code. The verdicts come from a named data source,
#   data.dpgcheck.licenses.compatibility: the OSADL open source license
#   compatibility matrix for software licences and dpgcheck's curated table for
#   content and data licences; each finding names the source of every verdict.
#   The project's licence is the one it declares (input.licenses.declared, not
#   the DPG record), else what its licence files say together
#   (input.licenses.combined); when it offers a choice (OR), a dependency is
#   incompatible only when it is incompatible with every alternative. Unknown
#   pairs are not reported here. One finding per SBOM and licence value.
# related_resources:
#   - description: OSADL open source license compatibility matrix
#     ref: https://www.osadl.org/Access-to-raw-data.oss-compliance-raw-data-access.0.html
#   - description: ORT OSADL compatibility rules
#     ref: https://github.com/oss-review-toolkit/ort/pull/4977
# custom:
#   severity: warning
#   principle: licensing
#   profiles: [sustainable-use, procurement-minimum]
#   remediation: |
#     Replace the dependency with one under a compatible licence, use it only as
#     a separate program rather than linking it, or relicense the project (for
#     example to GPL-3.0-or-later, which can include Apache-2.0 code). Ask a
#     lawyer when the dependency is only used at build time or as a service.
package dpgcheck.rules.licensing["dependency-license-incompatible"]

import data.dpgcheck.lib.combined
import data.dpgcheck.lib.licenses
import data.dpgcheck.lib.result

_documents := [d | some d in input.sbom.documents; d.readable]

# The project's licence: what it declares (package metadata, publiccode.yml), else what its
# licence files say together (combined). The DPG record is judged by the DPG pack.
_declared := {d.analysis |
	some d in object.get(input, ["licenses", "declared"], [])
	d.source != "dpg-record"
	_usable(d.analysis)
}

_projects := _declared if count(_declared) > 0

else := {a |
	a := combined.combined.analysis
	_usable(a)
}

_usable(analysis) if {
	analysis != null
	analysis.valid
	count(analysis.dnf) > 0
}

not_applicable if count(_documents) == 0

not_applicable if count(_projects) == 0

findings contains finding if {
	some project in _projects
	some document in _documents
	some row in document.licenses
	row.effective > 0
	row.analysis.valid
	every alternative in project.dnf {
		_blocked(alternative, row.analysis)
	}
	conflicts := sort({c |
		some alternative in project.dnf
		some outbound in alternative
		some inbound in row.analysis.ids
		licenses.verdict(outbound, inbound) == "no"
		c := {"outbound": outbound, "inbound": inbound, "source": licenses.compatibility(outbound, inbound).source}
	})
	finding := object.union(
		result.fail(
			sprintf("%s: %d packages are under %s, which a project under %s cannot include (%s), e.g. %s", [
				document.path, row.effective, row.analysis.normalized, project.normalized, _conflicts_text(conflicts), concat(", ", array.slice(row.examples, 0, 3)),
			]),
			{"project_license": project.normalized, "expression": row.analysis.normalized, "conflicts": conflicts, "packages": row.effective, "examples": row.examples},
		),
		_location(document),
	)
}

# An outbound alternative is blocked when one of its licences cannot take the inbound expression.
_blocked(alternative, analysis) if {
	some outbound in alternative
	licenses.inbound_verdict(outbound, analysis) == "no"
}

_conflicts_text(conflicts) := concat("; ", [sprintf("%s into %s: no, per %s", [c.inbound, c.outbound, c.source]) | some c in conflicts])

_location(document) := {"location": {"path": document.path}} if document.origin == "repository"

else := {}

# METADATA
# title: "Indicator 2: an approved open licence for each kind of solution"
# description: |
#   Which licences count depends on what the solution is. Software needs an
#   OSI-approved licence; content a Creative Commons licence (never a
#   no-derivatives one); data an Open Definition-conformant licence such as
#   ODbL, ODC-By, PDDL, CC0, CC-BY or CC-BY-SA; an AI model needs its code, its
#   model and its training data all openly licensed; an open standard any
#   approved licence. Since version 1.1.7 a content collection or a dataset must
#   be entirely under approved licences: one non-open part disqualifies it.
#   Licence expressions are evaluated in full (AND, OR, WITH), with deprecated
#   SPDX ids read as their current form (GPL-3.0 as GPL-3.0-only). The approved
#   lists are data (data.dpgcheck.licenses.dpga), so a bundle can replace them.
# related_resources:
#   - description: DPG Standard 1.1.7, indicator 2 (use of approved open licenses)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/e0869c4f02f4ec7ad4e6961aaada69a8905fa61b/standard.md
#   - description: DPGA approved licence list (dpg-resources wiki, 2. Open Licensing)
#     ref: https://github.com/DPGAlliance/dpg-resources/wiki/2.-Open-Licensing
# custom:
#   severity: info
#   indicator: "2"
#   profiles: [dpg-standard]
#   remediation: |
#     Declare the solution's type and licences in the record (type: software,
#     content, data, aimodel or standard; license: [{spdx, licenseURL}]) using
#     SPDX ids. Relicense, or pick a licence from the approved list for each type:
#     OSI-approved for code, Creative Commons (not ND) for content, an open-data
#     licence for data, and for AI models both code and training-data licences.
package dpgcheck.rules.dpg["dpg-open-license"]

import data.dpgcheck.lib.dpg
import data.dpgcheck.lib.result
import data.dpgcheck.licenses.dpga

# Findings point at the nominee record (data.dpgcheck.lib.dpg).
findings contains dpg.on_nominee_record(finding) if some finding in _reported

_spdx_ids(entry) := [id | some alternative in entry.analysis.dnf; some id in alternative]

# A bundle overlay can add licences to a category, and withdraw any licence by
# listing it under "excluded" with its reason.
_approved_in(id, categories) if {
	some category in categories
	dpga.categories[category].licenses[id]
	not dpga.excluded[id]
}

# An entry satisfies a list of categories when one alternative of its
# expression (in disjunctive normal form) has every licence approved there.
_satisfies(entry, categories) if {
	some alternative in entry.analysis.dnf
	count(alternative) > 0
	every id in alternative {
		_approved_in(id, categories)
	}
}

# Every category some declared type accepts.
_declared_categories contains category if {
	some type in input.dpg.types
	some requirement in dpga.type_requirements[type]
	some category in requirement.categories
}

_satisfying_entries := {i | some i, entry in input.dpg.licenses; _satisfies(entry, _declared_categories)}

_reported contains finding if {
	not input.dpg.present
	finding := result.insufficient_evidence(
		"Indicator 2 (open licence): no DPG metadata declares the solution's type and licences, so the approved list cannot be chosen; add dpg.json",
		{"dpg_metadata": false},
	)
}

_reported contains finding if {
	input.dpg.present
	count(input.dpg.licenses) == 0
	finding := result.insufficient_evidence(
		"Indicator 2 (open licence): the record declares no licence",
		{"licenses": []},
	)
}

_reported contains finding if {
	input.dpg.present
	count(input.dpg.licenses) > 0
	count({t | some t in input.dpg.types; dpga.type_requirements[t]}) == 0
	finding := result.insufficient_evidence(
		"Indicator 2 (open licence): the record declares no known solution type (software, content, data, aimodel or standard), so the approved list cannot be chosen",
		{"types": input.dpg.types},
	)
}

_reported contains finding if {
	count(input.dpg.licenses) > 0
	some type in input.dpg.types
	some requirement in dpga.type_requirements[type]
	not _any_satisfies(requirement.categories)
	finding := object.union(
		result.fail(
			sprintf("Indicator 2 (open licence): no licence in the record (%s) is approved for the %s of %s solution (%s list)", [
				_named_licences,
				requirement.component, _article(type), concat(" or ", requirement.categories),
			]),
			{"type": type, "component": requirement.component, "categories": requirement.categories, "licenses": [e.spdx | some e in input.dpg.licenses]},
		),
		_outcome(requirement.when_missing),
	)
}

_any_satisfies(categories) if {
	some entry in input.dpg.licenses
	_satisfies(entry, categories)
}

# DPG Standard 1.1.7 (#186): content and data must be entirely openly licensed.
_reported contains finding if {
	some type in input.dpg.types
	type in dpga.entirely_open_types
	count(_satisfying_entries) > 0
	some i, entry in input.dpg.licenses
	not i in _satisfying_entries
	entry.spdx != null
	finding := result.fail(
		sprintf("Indicator 2 (open licence): license[%d] %s is not an approved open licence for any declared type (%s); since DPG Standard 1.1.7 %s must be entirely openly licensed", [
			i, entry.spdx, concat(", ", input.dpg.types), type,
		]),
		{"index": i, "spdx": entry.spdx, "types": input.dpg.types, "rule": "entirely-open"},
	)
}

_reported contains finding if {
	some i, entry in input.dpg.licenses
	some id in _spdx_ids(entry)
	reason := dpga.excluded[id]
	finding := result.fail(
		sprintf("Indicator 2 (open licence): license[%d] %s is never accepted: %s", [i, id, reason]),
		{"index": i, "spdx": id, "rule": "excluded"},
	)
}

_reported contains finding if {
	some i, entry in input.dpg.licenses
	some id in entry.analysis.unknown
	not _approved_in(id, object.keys(dpga.categories))
	finding := result.fail(
		sprintf("Indicator 2 (open licence): license[%d] %q is not an SPDX licence id; use the exact id from https://spdx.org/licenses/", [i, id]),
		{"index": i, "spdx": id, "rule": "unknown-id"},
	)
}

_reported contains finding if {
	some i, entry in input.dpg.licenses
	entry.analysis.error != null
	finding := result.insufficient_evidence(
		sprintf("Indicator 2 (open licence): license[%d] has no usable SPDX licence expression (%s)", [i, entry.analysis.error]),
		{"index": i, "spdx": entry.spdx, "rule": "invalid-expression"},
	)
}

_named_licences := concat(", ", names) if {
	names := [e.spdx | some e in input.dpg.licenses; e.spdx != null]
	count(names) > 0
} else := "no SPDX id given"

_outcome("insufficient_evidence") := {"outcome": "insufficient_evidence"}

_outcome(when) := {} if when != "insufficient_evidence"

_article(type) := "an AI model" if type == "aimodel"
else := "an open standard" if type == "standard"
else := sprintf("a %s", [type])

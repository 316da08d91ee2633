# METADATA
# title: The repository's licence is an open licence
# description: |
#   The licence the repository declares in its package metadata and
#   publiccode.yml (or, when it declares none, the licence its licence files
#   hold) must be open: approved by the OSI, free according to the FSF, or an
#   open content/data licence conforming to the Open Definition. For an
#   expression with a choice (OR), one alternative made only of open licences is
#   enough. Licence flags come from the SPDX licence list as data
#   (data.dpgcheck.licenses.spdx), so a bundle can narrow or widen them. The DPG
#   record's licences are judged per solution type by the dpg-open-license rule.
# related_resources:
#   - description: DPG Standard, indicator 2 (use of approved open licenses)
#     ref: https://github.com/DPGAlliance/dpg-standard/blob/main/standard.md
#   - description: OSI-approved licences
#     ref: https://opensource.org/licenses
#   - description: Open Definition conformant licences
#     ref: https://opendefinition.org/licenses/
# custom:
#   severity: error
#   indicator: "2"
#   principle: licensing
#   profiles: [joint-governance, procurement-minimum, sustainable-use]
#   remediation: |
#     Relicense under an OSI-approved licence (for code) or an open content/data
#     licence such as CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0 or ODbL-1.0 (for content
#     and data), and state it as an SPDX expression in the package metadata. If a
#     LicenseRef-* licence is in fact open, a policy bundle can add it to the data.
package dpgcheck.rules.licensing["declared-license-open"]

import data.dpgcheck.lib.licenses
import data.dpgcheck.lib.result

_declared := object.get(input, ["licenses", "declared"], [])

_detected := object.get(input, ["licenses", "detected"], [])

# The DPG record is judged per solution type by the DPG pack (dpg-open-license).
_judged := [d |
	some d in _declared
	d.source != "dpg-record"
	d.analysis != null
]

findings contains finding if {
	some d in _judged
	d.analysis.valid
	not licenses.expression_open(d.analysis)
	not_open := sort(licenses.not_open_ids(d.analysis))
	finding := result.fail_at(
		sprintf("%s (%s): %s is not an open licence: %s not OSI-approved, FSF-libre or an open data licence", [
			d.path, d.field, d.analysis.normalized, _ids_text(not_open),
		]),
		{"source": d.source, "field": d.field, "expression": d.analysis.normalized, "not_open": not_open},
		{"path": d.path},
	)
}

# Nothing declared: judge what the licence files at the root hold.
findings contains finding if {
	count(_judged) == 0
	some t in _detected
	t.location == "root"
	not t.third_party
	t.match in {"full", "with_additional_terms", "notice"}
	count(t.candidates) > 0
	every c in t.candidates {
		not licenses.open_license(c)
	}
	finding := result.fail_at(
		sprintf("%s holds %s, which is not an open licence (not OSI-approved, FSF-libre or an open data licence)", [t.path, t.spdx_id]),
		{"source": "licence-file", "spdx_id": t.spdx_id, "not_open": sort(t.candidates)},
		{"path": t.path},
	)
}

# Nothing declared, and no licence file at the root holds a licence that can be recognised
# (a proprietary notice, an empty or unusual text): nothing shows the licence is open.
findings contains finding if {
	count(_judged) == 0
	own := [t | some t in _detected; t.location == "root"; not t.third_party]
	count(own) > 0
	not _recognised(own)
	paths := sort([t.path | some t in own])
	finding := result.insufficient_evidence_at(
		sprintf("%s: no recognised licence text and no licence declared in package metadata, so nothing shows the licence is open; use a standard licence text or declare an SPDX expression", [concat(", ", paths)]),
		{"source": "licence-file", "unrecognised": paths},
		{"path": paths[0]},
	)
}

_recognised(files) if {
	some t in files
	t.match in {"full", "with_additional_terms", "notice"}
	count(t.candidates) > 0
}

_ids_text(ids) := sprintf("%s is", [ids[0]]) if count(ids) == 1
else := sprintf("%s are", [concat(", ", ids)])

# METADATA
# title: Declared and detected licences agree
# description: |
#   What the package metadata, publiccode.yml or DPG record declares must be
#   what the licence files hold. The rule reports a declaration that no licence
#   file supports, a licence file at the root whose licence no declaration
#   names, and a declaration of "-only" where the licence files together say
#   "or any later version". A GNU licence text by itself is consistent with both
#   its -only and -or-later ids; the GPL-3.0 text beside an LGPL-3.0 text is
#   part of the LGPL; third-party licence files (LICENSE-THIRD-PARTY ...) are
#   not the project's licence. Detections below the confidence threshold
#   license_detection_min_confidence (default 0.8) are not used against a
#   declaration.
# related_resources:
#   - description: ORT evaluator, declared and detected licences kept apart
#     ref: https://oss-review-toolkit.org/ort/docs/configuration/evaluator-rules
#   - description: ClearlyDefined licence score (declared vs discovered licences)
#     ref: https://docs.clearlydefined.io/docs/curation/curation-guidelines
# custom:
#   severity: warning
#   principle: licensing
#   profiles: [joint-governance, procurement-minimum]
#   remediation: |
#     Make the metadata and the licence files say the same thing: fix the SPDX
#     expression in the metadata, or replace the licence text with the licence
#     you mean. For several licences, keep one text per licence (REUSE:
#     LICENSES/<id>.txt) and declare the expression that combines them.
package dpgcheck.rules.licensing["license-mismatch"]

import data.dpgcheck.lib.combined as lib_combined
import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

default _min_confidence := 0.8

_min_confidence := config.threshold("license_detection_min_confidence")

_declared := [d |
	some d in object.get(input, ["licenses", "declared"], [])
	d.analysis != null
	d.analysis.valid
]

# Licence files about the project's own code (not LICENSE-THIRD-PARTY and the like).
_recognised := [t |
	some t in object.get(input, ["licenses", "detected"], [])
	t.match in {"full", "with_additional_terms", "notice", "multiple"}
	not t.third_party
]

# COPYING (GPL-3.0) shipped beside COPYING.LESSER, as the LGPL-3.0 asks.
# (Which text incorporates which is configuration: threshold license_texts_incorporated.)
_lgpl_companion(t) if {
	some r in config.threshold("license_texts_incorporated")
	some inference in _combined.inferences
	inference.kind == r.kind
	t.path in inference.from
	lib_combined.family(t.spdx_id) == r.incorporates
}

_combined := lib_combined.combined

_detected_ids := {c | some t in _recognised; some c in t.candidates} | {i | some i in _combined.ids}

_declared_ids := {i | some d in _declared; some i in d.analysis.ids}

# A declaration that no licence file supports (one finding per source and expression:
# a repository of 200 Odoo addons declaring LGPL-3 gets one, naming the first).
findings contains finding if {
	count(_recognised) > 0
	some d in _declared
	count({i | some i in d.analysis.ids; i in _detected_ids}) == 0
	count(d.analysis.license_refs) < count(d.analysis.ids)
	same := sort({o.path | some o in _declared; o.source == d.source; o.analysis.normalized == d.analysis.normalized})
	d.path == same[0]
	finding := result.fail_at(
		sprintf("%s (%s)%s %s, but no licence file holds it (the licence files hold %s)", [
			d.path, d.field, _others(same), d.analysis.normalized, concat(", ", sort(_detected_ids)),
		]),
		{"source": d.source, "declared": d.analysis.normalized, "detected": sort(_detected_ids), "problem": "declared-not-detected", "files": count(same)},
		{"path": d.path},
	)
}

_others(paths) := " declares" if count(paths) == 1
else := sprintf(" and %d other files declare", [count(paths) - 1])

# A licence file at the root (or .github, docs) whose licence nobody declares.
findings contains finding if {
	count(_declared) > 0
	some t in _recognised
	t.location != "LICENSES"
	t.confidence >= _min_confidence
	not _lgpl_companion(t)
	count({c | some c in t.candidates; c in _declared_ids}) == 0
	finding := result.fail_at(
		sprintf("%s holds %s, which no declaration names (declared: %s)", [
			t.path, _detected_text(t), concat(", ", sort(_declared_ids)),
		]),
		{"detected": sort(t.candidates), "declared": sort(_declared_ids), "confidence": t.confidence, "problem": "detected-not-declared"},
		{"path": t.path},
	)
}

# Declared -only where the licence files together say -or-later.
findings contains finding if {
	some inference in _combined.inferences
	inference.kind == "or-later"
	only := concat("", [trim_suffix(inference.id, "-or-later"), "-only"])
	some d in _declared
	only in d.analysis.ids
	not inference.id in d.analysis.ids
	finding := result.fail_at(
		sprintf("%s (%s) declares %s, but %s together say %s (\"or any later version\")", [
			d.path, d.field, only, concat(" and ", inference.from), inference.id,
		]),
		{"source": d.source, "declared": only, "detected": inference.id, "files": inference.from, "problem": "only-vs-or-later"},
		{"path": d.path},
	)
}

_detected_text(t) := t.spdx_id if t.spdx_id != null
else := concat(" and ", sort(t.candidates))

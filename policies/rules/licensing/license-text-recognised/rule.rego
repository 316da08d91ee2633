# METADATA
# title: Licence files hold a recognisable licence
# description: |
#   A licence file whose text matches no known licence (or cannot be read: binary,
#   empty, too large) leaves people guessing which rights they have, and a file
#   LICENSES/<id>.txt should hold the licence its name gives. Identification is
#   offline, against the SPDX licence templates (licenseclassifier), and accepts
#   full texts, texts with additional terms and standard notices.
# related_resources:
#   - description: REUSE specification, licence files in LICENSES/
#     ref: https://reuse.software/spec-3.3/
#   - description: SPDX License List
#     ref: https://spdx.org/licenses/
# custom:
#   severity: warning
#   principle: licensing
#   profiles: [joint-governance, procurement-minimum]
#   remediation: |
#     Put the unmodified text of the licence in the file (copy it from
#     https://spdx.org/licenses/<id>.html), saved as UTF-8 text. A custom licence
#     belongs in LICENSES/LicenseRef-<name>.txt; a file that is not a licence
#     should not be named LICENSE or COPYING.
package dpgcheck.rules.licensing["license-text-recognised"]

import data.dpgcheck.lib.licenses
import data.dpgcheck.lib.result

_reasons := {
	"unknown": "its text matches no licence dpgcheck knows",
	"empty": "it is empty",
	"not_read": "it could not be read as text",
	"not_scanned": "it is too large to identify",
}

findings contains finding if {
	some t in object.get(input, ["licenses", "detected"], [])
	reason := _reasons[t.match]
	not _custom_licence(t)
	finding := result.fail_at(
		sprintf("%s does not hold a recognisable licence: %s", [t.path, reason]),
		{"match": t.match, "coverage": t.coverage},
		{"path": t.path},
	)
}

findings contains finding if {
	some t in object.get(input, ["licenses", "detected"], [])
	t.location == "LICENSES"
	t.match in {"full", "with_additional_terms"}
	licenses.known(t.named_id)
	not licenses.deprecated(t.named_id)
	not t.named_id in t.candidates
	finding := result.fail_at(
		sprintf("%s is named %s but holds the text of %s", [t.path, t.named_id, t.spdx_id]),
		{"named_id": t.named_id, "detected": t.candidates, "confidence": t.confidence},
		{"path": t.path},
	)
}

# LICENSES/LicenseRef-*.txt holds a custom licence that nobody can recognise.
_custom_licence(t) if {
	t.match == "unknown"
	licenses.license_ref(t.named_id)
}

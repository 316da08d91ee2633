# METADATA
# title: A licence file is present
# description: |
#   The repository carries the text of its licence in a file at its root
#   (LICENSE, LICENCE, COPYING or UNLICENSE, with or without an extension) or in
#   a REUSE-style LICENSES/ directory. Without it nobody can tell which rights
#   they have, and the DPG Standard's licence evidence (indicator 2) is missing.
# related_resources:
#   - description: DPG Standard, indicator 2 (use of approved open licenses)
#     ref: https://github.com/DPGAlliance/DPG-Standard/blob/main/standard.md
#   - description: OpenSSF Scorecard License check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#license
# custom:
#   severity: error
#   indicator: "2"
#   remediation: |
#     Add a file named LICENSE at the repository root holding the full text of an
#     OSI-approved licence (for example Apache-2.0, MIT or GPL-3.0-or-later), or put
#     the texts in LICENSES/<SPDX-id>.txt as the REUSE specification describes.
package dpgcheck.rules.licensing["license-file"]

import data.dpgcheck.lib.result

_root_licenses := [f |
	some f in input.files.inventory.license
	f.location == "root"
	not _third_party(f.path)
]

# LICENSE-THIRD-PARTY and the like (input.licenses) cover other people's code.
_third_party(path) if {
	some t in object.get(input, ["licenses", "detected"], [])
	t.path == path
	t.third_party
}

findings contains finding if {
	count(_root_licenses) == 0
	count(input.files.inventory.license_text) == 0
	elsewhere := [f.path | some f in input.files.inventory.license; not _third_party(f.path)]
	others := [f.path | some f in input.files.inventory.license; _third_party(f.path)]
	finding := result.fail(
		_message(elsewhere, others),
		{"suggested_path": "LICENSE", "found_elsewhere": elsewhere, "third_party_only": others},
	)
}

# A licence file with nothing in it grants nothing.
findings contains finding if {
	count(_root_licenses) > 0
	every f in _root_licenses {
		f.size == 0
	}
	count(input.files.inventory.license_text) == 0
	paths := sort([f.path | some f in _root_licenses])
	finding := result.fail_at(
		sprintf("%s is empty: put the full text of the project's licence in it", [concat(", ", paths)]),
		{"empty": paths},
		{"path": paths[0]},
	)
}

_message(elsewhere, others) := "No licence file at the repository root: add LICENSE with the full text of an open licence" if {
	count(elsewhere) == 0
	count(others) == 0
} else := sprintf("Only third-party licence files at the repository root (%s): add LICENSE with the project's own licence", [concat(", ", others)]) if {
	count(elsewhere) == 0
} else := sprintf("The licence file is not at the repository root (found %s): move it to LICENSE at the root", [concat(", ", elsewhere)])

# METADATA
# title: LICENSES/ holds exactly the licence texts the files use
# description: |
#   In a repository that follows the REUSE specification, every licence (and
#   exception) named by a file header, sidecar or REUSE.toml/dep5 annotation has
#   its text in LICENSES/<SPDX-id>.<extension>, and LICENSES/ holds no text that
#   nothing uses. Text files must be named after an SPDX id or a LicenseRef-, have
#   a file extension, and not use a deprecated SPDX id. Deprecation comes from the
#   SPDX licence list in data.dpgcheck.licenses.spdx.
# related_resources:
#   - description: REUSE specification 3.3, licence files
#     ref: https://reuse.software/spec-3.3/#license-files
# custom:
#   severity: warning
#   principle: licensing
#   profiles: [sustainable-use]
#   remediation: |
#     Add the missing texts as LICENSES/<SPDX-id>.txt (`reuse download <id>`
#     fetches them), delete texts nothing uses, rename texts to their SPDX id with
#     a .txt extension, and replace deprecated ids (GPL-2.0 becomes GPL-2.0-only
#     or GPL-2.0-or-later) in the file name and in the headers.
package dpgcheck.rules.licensing["reuse-license-texts"]

import data.dpgcheck.lib.licenses
import data.dpgcheck.lib.result
import data.dpgcheck.lib.reuse

_facts := input.reuse

not_applicable if not reuse.adopted

findings contains finding if {
	reuse.adopted
	some id in _facts.missing_licenses
	finding := result.fail(
		sprintf("%s is used by some files but LICENSES/ has no text for it: add LICENSES/%s.txt", [id, id]),
		{"problem": "missing-text", "license": id},
	)
}

findings contains finding if {
	some id in _facts.unused_licenses
	some text in _facts.licenses_dir
	text.id == id
	finding := result.fail_at(
		sprintf("%s is in LICENSES/ but no file uses it", [text.path]),
		{"problem": "unused-text", "license": id},
		{"path": text.path},
	)
}

findings contains finding if {
	some text in _facts.licenses_dir
	not licenses.known(text.id)
	not _spdx_exception(text.id)
	not startswith(text.id, "LicenseRef-")
	finding := result.fail_at(
		sprintf("%s: %s is neither an SPDX licence id nor a LicenseRef-", [text.path, text.id]),
		{"problem": "bad-name", "license": text.id},
		{"path": text.path},
	)
}

findings contains finding if {
	some text in _facts.licenses_dir
	licenses.deprecated(text.id)
	finding := result.fail_at(
		sprintf("%s: %s is a deprecated SPDX id%s", [text.path, text.id, _replacement(text.id)]),
		{"problem": "deprecated-id", "license": text.id},
		{"path": text.path},
	)
}

findings contains finding if {
	some text in _facts.licenses_dir
	text.extension == ""
	finding := result.fail_at(
		sprintf("%s has no file extension: name it %s.txt", [text.path, text.path]),
		{"problem": "no-extension", "license": text.id},
		{"path": text.path},
	)
}

_spdx_exception(id) if licenses.spdx.exceptions[id]

_replacement(id) := sprintf(" (use %s)", [licenses.spdx.licenses[id].replacement]) if {
	licenses.spdx.licenses[id].replacement
} else := ""

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
import data.dpgcheck.lib.reuse

facts := input.reuse

not_applicable if not reuse.adopted

findings contains finding if {
	reuse.adopted
	some id in facts.missing_licenses
	finding := {
		"message": sprintf("%s is used by some files but LICENSES/ has no text for it: add LICENSES/%s.txt", [id, id]),
		"evidence": {"problem": "missing-text", "license": id},
	}
}

findings contains finding if {
	some id in facts.unused_licenses
	some text in facts.licenses_dir
	text.id == id
	finding := {
		"message": sprintf("%s is in LICENSES/ but no file uses it", [text.path]),
		"evidence": {"problem": "unused-text", "license": id},
		"location": {"path": text.path},
	}
}

findings contains finding if {
	some text in facts.licenses_dir
	not licenses.known(text.id)
	not spdx_exception(text.id)
	not startswith(text.id, "LicenseRef-")
	finding := {
		"message": sprintf("%s: %s is neither an SPDX licence id nor a LicenseRef-", [text.path, text.id]),
		"evidence": {"problem": "bad-name", "license": text.id},
		"location": {"path": text.path},
	}
}

findings contains finding if {
	some text in facts.licenses_dir
	licenses.deprecated(text.id)
	finding := {
		"message": sprintf("%s: %s is a deprecated SPDX id%s", [text.path, text.id, replacement(text.id)]),
		"evidence": {"problem": "deprecated-id", "license": text.id},
		"location": {"path": text.path},
	}
}

findings contains finding if {
	some text in facts.licenses_dir
	text.extension == ""
	finding := {
		"message": sprintf("%s has no file extension: name it %s.txt", [text.path, text.path]),
		"evidence": {"problem": "no-extension", "license": text.id},
		"location": {"path": text.path},
	}
}

spdx_exception(id) if licenses.spdx.exceptions[id]

replacement(id) := sprintf(" (use %s)", [licenses.spdx.licenses[id].replacement]) if {
	licenses.spdx.licenses[id].replacement
} else := ""

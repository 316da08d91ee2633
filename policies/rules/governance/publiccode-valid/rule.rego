# METADATA
# title: publiccode.yml is valid
# description: |
#   A publiccode.yml that breaks the standard is rejected by the catalogues
#   that crawl it, so the software disappears from them. dpgcheck validates
#   the file offline against the standard's rules (v0, as of 0.7): supported
#   publiccodeYmlVersion, mandatory keys, no unknown keys, enumerations
#   (developmentStatus, softwareType, maintenance.type, categories, scope),
#   contractors and contacts presence rules, description lengths, SPDX
#   expression in legal.license, BCP 47 language tags and ISO 3166-1 country
#   codes, dates, URLs and the files that logo and screenshots name. URLs are
#   fetched only with --network. Each error is one finding, located at the
#   key's line. A file too large, binary, not UTF-8 or an alias bomb is
#   refused and reported as one error.
# related_resources:
#   - description: publiccode.yml standard, core schema
#     ref: https://yml.publiccode.tools/schema.core.html
#   - description: Reference validator, italia/publiccode-parser-go
#     ref: https://github.com/italia/publiccode-parser-go
# custom:
#   severity: error
#   principle: findability
#   remediation: |
#     Fix each error at the key path given; the standard's reference lists the
#     allowed values. Quote publiccodeYmlVersion ("0"), use true/false for
#     booleans, and keep dpgcheck-specific data out of the file (unknown keys
#     are errors).
#   profiles: [joint-governance, procurement-minimum]
package dpgcheck.rules.governance["publiccode-valid"]

import data.dpgcheck.lib.result

default not_applicable := false

not_applicable if not input.publiccode.present

_publiccode := input.publiccode

findings contains finding if {
	_publiccode.present
	some error in _publiccode.errors
	finding := result.fail_at(
		sprintf("%s: %s", [_publiccode.path, error.message]),
		{"key": error.key, "code": error.code},
		{"path": _publiccode.path, "line": error.line},
	)
}

findings contains finding if {
	_publiccode.present
	_publiccode.error_count > count(_publiccode.errors)
	finding := result.fail_at(
		sprintf("%s: %d more error(s) not listed", [_publiccode.path, _publiccode.error_count - count(_publiccode.errors)]),
		{"key": "", "code": "more-errors"},
		{"path": _publiccode.path, "line": 1},
	)
}

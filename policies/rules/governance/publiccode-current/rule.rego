# METADATA
# title: publiccode.yml uses the current version of the standard
# description: |
#   The publiccode.yml standard deprecates keys before removing them: an old
#   publiccodeYmlVersion, monochromeLogo, inputTypes/outputTypes, genericName,
#   legal.repoOwner, legal.authorsFile, the IT country section (deprecated as a
#   whole in 0.7) and lower-case country codes still validate today but will
#   not in version 1.0. Each such warning from the validator is one finding,
#   at the key's line.
# related_resources:
#   - description: publiccode.yml standard, changelog and deprecations
#     ref: https://yml.publiccode.tools/
# custom:
#   severity: info
#   principle: findability
#   remediation: |
#     Set publiccodeYmlVersion to "0", remove deprecated keys (use
#     organisation instead of legal.repoOwner and IT.riuso.codiceIPA, supports
#     instead of IT.piattaforme) and write country codes in upper case.
#   profiles: [joint-governance]
package dpgcheck.rules.governance["publiccode-current"]

import data.dpgcheck.lib.result

default not_applicable := false

not_applicable if not input.publiccode.present

_publiccode := input.publiccode

findings contains finding if {
	_publiccode.present
	some warning in _publiccode.warnings
	finding := result.fail_at(
		sprintf("%s: %s", [_publiccode.path, warning.message]),
		{"key": warning.key, "code": warning.code},
		{"path": _publiccode.path, "line": warning.line},
	)
}

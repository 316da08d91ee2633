# METADATA
# title: publiccode.yml declares that the software is maintained
# description: |
#   publiccode.yml says who maintains the software (maintenance.type) and, for
#   maintenance under contract, until when each contractor is engaged. A
#   government deciding whether to adopt a codebase should know when the file
#   itself says that nobody maintains it (type none), that every maintenance
#   contract has ended (the latest contractors[].until is before the
#   evaluation clock, input.options.now), or that the software is obsolete
#   (developmentStatus obsolete). The rule reads only what the file declares;
#   whether commits still happen is the actively-maintained rule's concern.
# related_resources:
#   - description: publiccode.yml standard, maintenance and developmentStatus
#     ref: https://yml.publiccode.tools/schema.core.html
#   - description: G20/T20 brief, recommendation 1 (minimum thresholds for the procurement and use of open-source DPGs)
#     ref: https://www.t20brasil.org/
# custom:
#   severity: warning
#   principle: sustainability
#   remediation: |
#     Keep publiccode.yml true: name the maintainers (maintenance.type and
#     contacts, or contractors with an until date in the future) and update
#     it when a maintenance contract is renewed. If the software is no longer
#     maintained, say what replaces it in the README.
#   profiles: [joint-governance, procurement-minimum, sustainable-use]
package dpgcheck.rules.governance["publiccode-maintained"]

import data.dpgcheck.lib.result

default not_applicable := false

_parsed if is_object(input.publiccode.fields)

not_applicable if not _parsed

_fields := input.publiccode.fields

_location := {"path": input.publiccode.path, "line": 1}

_today := substring(input.options.now, 0, 10)

findings contains finding if {
	_fields.maintenance_type == "none"
	finding := result.fail_at(
		sprintf("%s declares maintenance.type none: nobody maintains the software", [input.publiccode.path]),
		{"maintenance_type": "none"},
		_location,
	)
}

findings contains finding if {
	_fields.maintenance_type == "contract"
	count(_fields.contractors_until) > 0
	latest := max(_fields.contractors_until)
	latest < _today
	finding := result.fail_at(
		sprintf("%s: every maintenance contract has ended (the latest ran until %s)", [input.publiccode.path, latest]),
		{"maintenance_type": "contract", "latest_until": latest, "today": _today},
		_location,
	)
}

findings contains finding if {
	_fields.development_status == "obsolete"
	finding := result.fail_at(
		sprintf("%s declares developmentStatus obsolete", [input.publiccode.path]),
		{"development_status": "obsolete"},
		_location,
	)
}

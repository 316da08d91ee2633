# METADATA
# title: The repository could be read completely
# description: |
#   Every problem met while gathering facts (an unreadable file, a symbolic link
#   that points outside the repository, a file too large to read, a broken
#   metadata file, a missing git) is reported, so that a verdict is never based
#   on facts that silently went missing.
# related_resources:
#   - description: dpgcheck facts document
#     ref: https://github.com/dpgcheck/dpgcheck/blob/main/docs/facts.md
# custom:
#   severity: warning
#   remediation: |
#     Fix the file named in the finding (make it readable, valid UTF-8, smaller,
#     or a link that stays inside the repository), or install git when it is
#     missing, and run dpgcheck again.
package dpgcheck.rules.facts["collection-problems"]

import data.dpgcheck.lib.result

findings contains finding if {
	some p in input.problems
	finding := object.union(
		result.fail(
			sprintf("%s: %s", [p.source, p.message]),
			{"source": p.source, "code": p.code},
		),
		_location(p),
	)
}

_location(p) := {"location": {"path": p.path}} if p.path
else := {}

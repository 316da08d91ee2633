# METADATA
# title: Building findings
# description: |
#   The one way a rule builds a finding, as Regal's result.fail does for its
#   violations. A finding says what is wrong (message) and what was seen
#   (evidence); it may point at a place in the repository (location: path and,
#   where known, line) and may say that the facts cannot settle the question
#   (outcome insufficient_evidence) instead of failing. The decision adds the
#   rule's id, area, severity and indicator from the catalogue, so a rule never
#   writes them.
package dpgcheck.lib.result

# The requirement is not met.
fail(message, evidence) := {"message": message, "evidence": evidence}

# The requirement is not met at a place in the repository.
fail_at(message, evidence, location) := object.union(fail(message, evidence), {"location": location})

# The facts cannot tell whether the requirement is met.
insufficient_evidence(message, evidence) := object.union(fail(message, evidence), _insufficient)

# The facts at a place in the repository cannot tell whether the requirement is met.
insufficient_evidence_at(message, evidence, location) := object.union(fail_at(message, evidence, location), _insufficient)

_insufficient := {"outcome": "insufficient_evidence"}

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

# Each is one object literal: a rule can build hundreds of findings (one per unpinned
# action), and in regorus every nested call and object.union is a cost per finding.

# The requirement is not met.
fail(message, evidence) := {"message": message, "evidence": evidence}

# The requirement is not met at a place in the repository.
fail_at(message, evidence, location) := {"message": message, "evidence": evidence, "location": location}

# The facts cannot tell whether the requirement is met.
insufficient_evidence(message, evidence) := {"message": message, "evidence": evidence, "outcome": "insufficient_evidence"}

# The facts at a place in the repository cannot tell whether the requirement is met.
insufficient_evidence_at(message, evidence, location) := {"message": message, "evidence": evidence, "location": location, "outcome": "insufficient_evidence"}

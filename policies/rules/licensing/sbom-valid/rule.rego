# METADATA
# title: SBOMs are valid SPDX 2.2/2.3 documents
# description: |
#   Every SPDX document in the repository or given with --sbom must parse and
#   follow the SPDX 2.2/2.3 rules that tools rely on: a supported spdxVersion,
#   SPDXRef-DOCUMENT, a documentNamespace URI, creation info, well-formed and
#   unique SPDXIDs, relationships that point at defined elements, declared
#   LicenseRef- ids. dpgcheck reads each package on its own, so a broken package
#   is reported without losing the rest; timestamps with fractional seconds are
#   read anyway but reported, because strict readers (spdx-tools) reject the
#   whole document for them. One finding per document and kind of problem.
# related_resources:
#   - description: SPDX specification 2.3
#     ref: https://spdx.github.io/spdx-spec/v2.3/
#   - description: spdx-tools (the reader dpgcheck uses)
#     ref: https://github.com/spdx/tools-python
# custom:
#   severity: warning
#   principle: sustainability
#   profiles: [sustainable-use, procurement-minimum]
#   remediation: |
#     Regenerate the SBOM with an up-to-date generator, or fix the fields named in
#     the finding; check the result with `pyspdxtools -i FILE`. Write timestamps as
#     YYYY-MM-DDThh:mm:ssZ, SPDXIDs as SPDXRef-[A-Za-z0-9.-]+, and licence values as
#     SPDX expressions (define custom licences as LicenseRef- entries in
#     hasExtractedLicensingInfos).
package dpgcheck.rules.licensing["sbom-valid"]

documents := [d | some d in input.sbom.documents; d.format != "cyclonedx"]

not_applicable if count(documents) == 0

kind_text := {
	"parse": "cannot be read",
	"validation": "is not valid SPDX",
	"recovered": "was read despite an error",
}

findings contains finding if {
	some document in documents
	some p in document.problems
	kind_text[p.kind]
	finding := object.union(
		{
			"message": sprintf("%s %s: %s%s", [document.path, kind_text[p.kind], p.message, detail(p)]),
			"evidence": {"code": p.code, "kind": p.kind, "count": p.count, "examples": p.examples, "format": document.format, "origin": document.origin},
		},
		location(document),
	)
}

detail(p) := sprintf(" (%d, e.g. %s)", [p.count, concat("; ", array.slice(p.examples, 0, 3))]) if {
	count(p.examples) > 0
} else := sprintf(" (%d)", [p.count]) if {
	p.count > 1
} else := ""

location(document) := {"location": {"path": document.path}} if document.origin == "repository"

else := {}

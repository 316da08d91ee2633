# METADATA
# title: SBOMs can be read and are valid SPDX or CycloneDX documents
# description: |
#   Every SBOM in the repository or given with --sbom (SPDX 2.2/2.3, SPDX 3.0.1
#   JSON-LD, CycloneDX 1.2-1.7 JSON or XML) must parse and follow the rules that
#   tools rely on. For SPDX 2: a supported spdxVersion,
#   SPDXRef-DOCUMENT, a documentNamespace URI, creation info, well-formed and
#   unique SPDXIDs, relationships that point at defined elements, declared
#   LicenseRef- ids. dpgcheck reads each package on its own, so a broken package
#   is reported without losing the rest; timestamps with fractional seconds are
#   read anyway but reported, because strict readers (spdx-tools) reject the
#   whole document for them. For CycloneDX: a supported specVersion, a
#   timestamp, components cyclonedx-python-lib can read, unique bom-refs,
#   dependencies that name defined bom-refs. XML that declares a DTD is refused
#   (no entity is ever expanded). One finding per document and kind of problem.
# related_resources:
#   - description: SPDX specification 2.3
#     ref: https://spdx.github.io/spdx-spec/v2.3/
#   - description: spdx-tools (the reader dpgcheck uses)
#     ref: https://github.com/spdx/tools-python
#   - description: CycloneDX specification 1.6
#     ref: https://cyclonedx.org/docs/1.6/json/
#   - description: SPDX specification 3.0.1
#     ref: https://spdx.github.io/spdx-spec/v3.0.1/
# custom:
#   severity: warning
#   principle: sustainability
#   profiles: [sustainable-use, procurement-minimum, sbom-cisa-2025, sbom-bsi]
#   remediation: |
#     Regenerate the SBOM with an up-to-date generator, or fix the fields named in
#     the finding; check the result with `pyspdxtools -i FILE`. Write timestamps as
#     YYYY-MM-DDThh:mm:ssZ, SPDXIDs as SPDXRef-[A-Za-z0-9.-]+, and licence values as
#     SPDX expressions (define custom licences as LicenseRef- entries in
#     hasExtractedLicensingInfos).
package dpgcheck.rules.licensing["sbom-valid"]

import data.dpgcheck.lib.result

_documents := input.sbom.documents

not_applicable if count(_documents) == 0

_standard_name := {"spdx-2": "SPDX", "spdx-3": "SPDX 3", "cyclonedx": "CycloneDX"}

_kind_text(_, "parse") := "cannot be read"

_kind_text(document, "validation") := sprintf("is not valid %s", [_standard_name[object.get(document, "standard", "spdx-2")]])

_kind_text(_, "recovered") := "was read despite an error"

findings contains finding if {
	some document in _documents
	some p in document.problems
	text := _kind_text(document, p.kind)
	finding := object.union(
		result.fail(
			sprintf("%s %s: %s%s", [document.path, text, p.message, _detail(p)]),
			{"code": p.code, "kind": p.kind, "count": p.count, "examples": p.examples, "format": document.format, "origin": document.origin},
		),
		_location(document),
	)
}

_detail(p) := sprintf(" (%d, e.g. %s)", [p.count, concat("; ", array.slice(p.examples, 0, 3))]) if {
	count(p.examples) > 0
} else := sprintf(" (%d)", [p.count]) if {
	p.count > 1
} else := ""

_location(document) := {"location": {"path": document.path}} if document.origin == "repository"

else := {}

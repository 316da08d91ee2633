# METADATA
# title: SBOMs have the CISA 2025 minimum elements
# description: |
#   CISA's 2025 draft of the SBOM minimum elements keeps NTIA's 2021 list (see
#   sbom-ntia-minimum-elements) and adds, for every component, a hash, a licence,
#   the software producer and a software identifier, and for the SBOM the name of
#   the tool that made it, the generation context (before, during or after the
#   build: CycloneDX metadata.lifecycles, SPDX 3 software_sbomType; SPDX 2 has no
#   field for it) and coverage, read here as every component having its
#   dependencies recorded (an empty list counts), so that transitive dependencies
#   are covered. One finding per readable SBOM and missing element, with the
#   number of components concerned and examples. The element list is bundle data
#   (data.dpgcheck.sbom.cisa_2025).
# related_resources:
#   - description: CISA, Minimum Elements for a Software Bill of Materials (SBOM), 2025 draft for comment
#     ref: https://www.cisa.gov/resources-tools/resources/2025-minimum-elements-software-bill-materials-sbom
#   - description: NTIA, The Minimum Elements for a Software Bill of Materials (2021)
#     ref: https://www.ntia.gov/report/2021/minimum-elements-software-bill-materials-sbom
# custom:
#   severity: warning
#   principle: sustainability
#   profiles: [sbom-cisa-2025]
#   remediation: |
#     Generate the SBOM during the build with a generator that records hashes,
#     licences, suppliers and purls of every component and the whole dependency
#     graph (cyclonedx-npm, cyclonedx-py, syft, the CycloneDX Maven/Gradle plugins),
#     and let it write its own name (metadata.tools / createdUsing / "Tool: …") and
#     the lifecycle phase (CycloneDX metadata.lifecycles, SPDX 3 sbomType).
package dpgcheck.rules.licensing["sbom-cisa-2025-minimum-elements"]

import data.dpgcheck.lib.result

_documents := [d | some d in input.sbom.documents; d.readable]

not_applicable if count(_documents) == 0

_elements := data.dpgcheck.sbom.cisa_2025.package_elements

findings contains finding if {
	some document in _documents
	some element, check in _elements
	missing := object.get(document, ["packages_missing", check.field], null)
	missing != null
	missing.count > 0
	finding := _make(
		document, element,
		sprintf("%s: %d of %d components have %s, e.g. %s", [document.path, missing.count, document.counts.packages, check.text, concat(", ", array.slice(missing.examples, 0, 3))]),
		{"packages": document.counts.packages, "missing": missing.count, "examples": missing.examples},
	)
}

findings contains finding if {
	some document in _documents
	count(object.get(document, "tools", [])) == 0
	finding := _make(document, "tool-name", sprintf("%s: the SBOM does not name the tool that generated it", [document.path]), {})
}

findings contains finding if {
	some document in _documents
	count(object.get(document, "lifecycles", [])) == 0
	finding := _make(
		document, "generation-context",
		sprintf("%s: the SBOM does not say when it was generated (before, during or after the build)%s", [document.path, _context_hint(document)]),
		{},
	)
}

_context_hint(document) := "; SPDX 2 has no field for it, SPDX 3 and CycloneDX 1.5+ do" if {
	object.get(document, "standard", "spdx-2") == "spdx-2"
} else := ""

_make(document, element, message, extra) := object.union(
	result.fail(message, object.union({"element": element, "standard": object.get(document, "standard", "spdx-2")}, extra)),
	_location(document),
)

_location(document) := {"location": {"path": document.path}} if document.origin == "repository"

else := {}

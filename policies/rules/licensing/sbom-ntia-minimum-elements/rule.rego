# METADATA
# title: SBOMs have the NTIA minimum elements
# description: |
#   The NTIA minimum elements of an SBOM, as SPDX 2.3 Annex K maps them: author
#   of the SBOM data (creators), timestamp (created), a unique document identity
#   (documentNamespace; every package has an SPDXID), the dependency relationship
#   (the document DESCRIBES a package it contains), and for every package its
#   supplier (not NOASSERTION), name and version. This follows the
#   ntia-conformance-checker's reading. CycloneDX and SPDX 3 documents are read
#   into the same facts: author = metadata authors, manufacturer or tools
#   (CycloneDX), createdBy / createdUsing (SPDX 3); identity = serialNumber, the
#   SpdxDocument's spdxId; the described package = metadata.component, the
#   document's rootElement; supplier = a component's supplier, manufacturer or
#   publisher, a package's suppliedBy. Like ntia-conformance-checker, only the
#   packages reachable from the described one (through DESCRIBES, CONTAINS,
#   DEPENDS_ON, links and prerequisites; in CycloneDX the dependency graph) are
#   judged: disconnected packages are left out. One finding per readable document and
#   missing element, with the number of packages concerned and examples.
# related_resources:
#   - description: NTIA, The Minimum Elements for a Software Bill of Materials (2021)
#     ref: https://www.ntia.gov/report/2021/minimum-elements-software-bill-materials-sbom
#   - description: SPDX 2.3 Annex K.2, mapping NTIA minimum elements to SPDX
#     ref: https://spdx.github.io/spdx-spec/v2.3/how-to-use/#k2-satisfying-ntia-minimum-elements-for-an-sbom-using-spdx
#   - description: spdx/ntia-conformance-checker
#     ref: https://github.com/spdx/ntia-conformance-checker
# custom:
#   severity: warning
#   principle: sustainability
#   profiles: [sustainable-use, procurement-minimum, sbom-cisa-2025, sbom-bsi]
#   remediation: |
#     Configure the SBOM generator to record each package's supplier
#     ("Organization: name (email)") and version, the document creators
#     ("Tool: …", "Organization: …") and creation time, a documentNamespace URI,
#     and a DESCRIBES relationship from SPDXRef-DOCUMENT to the main package.
package dpgcheck.rules.licensing["sbom-ntia-minimum-elements"]

import data.dpgcheck.lib.result

_documents := [d | some d in input.sbom.documents; d.readable]

not_applicable if count(_documents) == 0

_document_checks := [
	{"element": "author", "missing": "no creators (author of the SBOM data)", "ok": "creators"},
	{"element": "timestamp", "missing": "no creation time", "ok": "created"},
	{"element": "unique-identifier", "missing": "no %s (unique document identifier)", "ok": "namespace"},
]

# The field that holds the document's unique identifier, by standard (facts 1.0 had SPDX 2 only).
_identifier_field := {"spdx-2": "documentNamespace", "spdx-3": "SpdxDocument spdxId", "cyclonedx": "serialNumber"}

findings contains finding if {
	some document in _documents
	some check in _document_checks
	not _present(document, check.ok)
	text := _missing_text(document, check)
	finding := _make(document, check.element, sprintf("%s: %s", [document.path, text]), {})
}

_missing_text(document, check) := sprintf(check.missing, [_identifier_field[object.get(document, "standard", "spdx-2")]]) if {
	check.element == "unique-identifier"
} else := check.missing

# Creators are counted by kind: the names of people are not in the facts.
_present(document, "creators") if sum([n | some n in document.creator_types]) > 0

_present(document, "created") if is_string(document.created)

_present(document, "namespace") if is_string(document.namespace)

findings contains finding if {
	some document in _documents
	not document.describes_package
	finding := _make(
		document, "relationships",
		sprintf("%s: the document does not DESCRIBE any package it contains (dependency relationships have no root)", [document.path]),
		{"relationship_types": document.relationship_types},
	)
}

_package_checks := {
	"supplier": "no supplier (absent or NOASSERTION)",
	"name": "no name",
	"version": "no version",
}

# Packages are judged when they are reachable from the described package (facts 1.1:
# document.reachable), as ntia-conformance-checker does; "floating" packages are not.
findings contains finding if {
	some document in _documents
	some element, text in _package_checks
	missing := object.get(document, ["reachable", "missing", element], document.packages_missing[element])
	missing.count > 0
	total := object.get(document, ["reachable", "packages"], document.counts.packages)
	finding := _make(
		document, element,
		sprintf("%s: %d of %d packages have %s, e.g. %s", [document.path, missing.count, total, text, concat(", ", array.slice(missing.examples, 0, 3))]),
		{"packages": total, "missing": missing.count, "examples": missing.examples},
	)
}

findings contains finding if {
	some document in _documents
	some p in document.problems
	p.code == "missing-spdx-id"
	finding := _make(document, "unique-identifier", sprintf("%s: %d elements have no SPDXID", [document.path, p.count]), {"missing": p.count})
}

_make(document, element, message, extra) := object.union(
	result.fail(message, object.union({"element": element}, extra)),
	_location(document),
)

_location(document) := {"location": {"path": document.path}} if document.origin == "repository"

else := {}

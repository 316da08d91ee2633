# METADATA
# title: SBOMs meet BSI TR-03183-2 (v2.1)
# description: |
#   Germany's BSI TR-03183-2 v2.1.0 asks for an SBOM in CycloneDX 1.6 or later or
#   SPDX 3.0.1 (JSON or XML), whose creator is given with an e-mail address or a
#   URL, with a timestamp and a URI of the SBOM; and for every component: its
#   creator with an e-mail address or URL, name, version, filename, licence (an
#   SPDX expression), other unique identifiers (purl, CPE, SWID), a SHA-512 hash
#   of the deployable form, its dependencies (with a statement of their
#   completeness: CycloneDX compositions, SPDX 3 relationship completeness) and,
#   in CycloneDX, the properties bsi:component:executable, bsi:component:archive,
#   bsi:component:structured and bsi:component:filename. SPDX 3 filenames and
#   file properties (software_File, additionalPurpose) are not checked. The
#   versions, hash algorithm, property names and element list are bundle data
#   (data.dpgcheck.sbom.bsi_tr_03183_2). One finding per readable SBOM and
#   missing element.
# related_resources:
#   - description: BSI TR-03183-2, Cyber Resilience Requirements for Manufacturers and Products, Part 2 (SBOM)
#     ref: https://www.bsi.bund.de/SharedDocs/Downloads/EN/BSI/Publications/TechGuidelines/TR03183/BSI-TR-03183-2_v2_1_0.pdf
#   - description: CycloneDX property taxonomy (bsi namespace)
#     ref: https://github.com/CycloneDX/cyclonedx-property-taxonomy
# custom:
#   severity: warning
#   principle: sustainability
#   profiles: [sbom-bsi]
#   remediation: |
#     Generate a CycloneDX 1.6 (or later) or SPDX 3.0.1 SBOM from the build (not
#     only from the sources), with the manufacturer's e-mail or URL for the SBOM and
#     each component, SHA-512 hashes of what is shipped, purls, licences as SPDX
#     expressions, the full dependency graph and a compositions entry saying
#     whether it is complete; CycloneDX generators add the bsi:component:*
#     properties with a post-processing step when they do not write them.
package dpgcheck.rules.licensing["sbom-bsi-tr-03183-2"]

import data.dpgcheck.lib.result

_documents := [d | some d in input.sbom.documents; d.readable]

not_applicable if count(_documents) == 0

_bsi := data.dpgcheck.sbom.bsi_tr_03183_2

_standard(document) := object.get(document, "standard", "spdx-2")

findings contains finding if {
	some document in _documents
	not document.spec_version in object.get(_bsi.formats, _standard(document), [])
	finding := _make(
		document, "format",
		sprintf("%s: %s %v is not a format TR-03183-2 v%s accepts (CycloneDX %s or SPDX %s)", [
			document.path, _standard(document), document.spec_version, _bsi.version,
			concat("/", _bsi.formats.cyclonedx), concat("/", _bsi.formats["spdx-3"]),
		]),
		{"spec_version": document.spec_version},
	)
}

findings contains finding if {
	some document in _documents
	contacts := object.get(document, "creator_contacts", {"email": 0, "url": 0})
	contacts.email + contacts.url == 0
	finding := _make(document, "creator", sprintf("%s: no creator of the SBOM is given with an e-mail address or URL", [document.path]), {})
}

findings contains finding if {
	some document in _documents
	not is_string(document.created)
	finding := _make(document, "timestamp", sprintf("%s: no timestamp", [document.path]), {})
}

findings contains finding if {
	some document in _documents
	not is_string(document.namespace)
	finding := _make(document, "sbom-uri", sprintf("%s: no SBOM-URI (unique identifier of the SBOM)", [document.path]), {})
}

# Elements the document's format has no field for (not_recorded) are not judged here.
findings contains finding if {
	some document in _documents
	some element, check in _bsi.package_elements
	not check.field in object.get(document, "not_recorded", [])
	missing := object.get(document, ["packages_missing", check.field], null)
	missing != null
	missing.count > 0
	finding := _package_finding(document, element, missing.count, sprintf("%s, e.g. %s", [check.text, concat(", ", array.slice(missing.examples, 0, 3))]))
}

findings contains finding if {
	some document in _documents
	with_hash := object.get(object.get(document, "hash_algorithms", {}), _bsi.hash_algorithm, 0)
	with_hash < document.counts.packages
	finding := _package_finding(document, "hash", document.counts.packages - with_hash, sprintf("no %s hash", [_bsi.hash_algorithm]))
}

findings contains finding if {
	some document in _documents
	_standard(document) == "cyclonedx"
	some element, name in _bsi.cyclonedx_properties
	with_property := object.get(object.get(document, "property_names", {}), name, 0)
	with_property < document.counts.packages
	finding := _package_finding(document, element, document.counts.packages - with_property, sprintf("no %s property", [name]))
}

findings contains finding if {
	some document in _documents
	_standard(document) in {"cyclonedx", "spdx-3"}
	count(object.get(document, "completeness", {})) == 0
	finding := _make(
		document, "dependency-completeness",
		sprintf("%s: the SBOM does not state whether its dependencies are complete (%s)", [document.path, _completeness_field[_standard(document)]]),
		{},
	)
}

_completeness_field := {"cyclonedx": "compositions with an aggregate", "spdx-3": "completeness on dependency relationships"}

_package_finding(document, element, missing, text) := _make(
	document, element,
	sprintf("%s: %d of %d components have %s", [document.path, missing, document.counts.packages, text]),
	{"packages": document.counts.packages, "missing": missing},
)

_make(document, element, message, extra) := object.union(
	result.fail(message, object.union({"element": element, "standard": _standard(document)}, extra)),
	_location(document),
)

_location(document) := {"location": {"path": document.path}} if document.origin == "repository"

else := {}

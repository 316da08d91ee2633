package dpgcheck.rules.licensing["sbom-valid_test"]

import data.dpgcheck.rules.licensing["sbom-valid"] as rule

doc(path, origin, fmt, problems) := {"path": path, "origin": origin, "format": fmt, "spdx": fmt != "cyclonedx", "readable": true, "problems": problems}

test_fail_broken_and_recovered if {
	rule.findings == {
		{
			"message": "sbom.spdx.json was read despite an error: timestamps have fractional seconds (1, e.g. 2026-01-15T10:00:00.129Z)",
			"evidence": {"code": "fractional-seconds", "kind": "recovered", "count": 1, "examples": ["2026-01-15T10:00:00.129Z"], "format": "json", "origin": "repository"},
			"location": {"path": "sbom.spdx.json"},
		},
		{
			"message": "sbom.spdx.json is not valid SPDX: SPDXIDs must be well formed (2, e.g. SPDXRef-a_b; SPDXRef-c_d)",
			"evidence": {"code": "invalid-spdx-id", "kind": "validation", "count": 2, "examples": ["SPDXRef-a_b", "SPDXRef-c_d"], "format": "json", "origin": "repository"},
			"location": {"path": "sbom.spdx.json"},
		},
		{
			"message": "/tmp/x.spdx cannot be read: the document is not valid tag-value",
			"evidence": {"code": "syntax-error", "kind": "parse", "count": 1, "examples": [], "format": "tag-value", "origin": "command-line"},
		},
	} with input as {"sbom": {"documents": [
		doc("sbom.spdx.json", "repository", "json", [
			{"code": "fractional-seconds", "kind": "recovered", "message": "timestamps have fractional seconds", "count": 1, "examples": ["2026-01-15T10:00:00.129Z"]},
			{"code": "invalid-spdx-id", "kind": "validation", "message": "SPDXIDs must be well formed", "count": 2, "examples": ["SPDXRef-a_b", "SPDXRef-c_d"]},
		]),
		doc("/tmp/x.spdx", "command-line", "tag-value", [{"code": "syntax-error", "kind": "parse", "message": "the document is not valid tag-value", "count": 1, "examples": []}]),
		doc("bom.cdx.json", "repository", "cyclonedx", [{"code": "not-spdx", "kind": "unsupported", "message": "CycloneDX", "count": 1, "examples": []}]),
	]}}
}

test_success_clean_document if {
	rule.findings == set() with input as {"sbom": {"documents": [doc("sbom.spdx.json", "repository", "json", [])]}}
}

test_not_applicable_without_spdx if {
	rule.not_applicable with input as {"sbom": {"documents": [doc("bom.cdx.json", "repository", "cyclonedx", [])]}}
}

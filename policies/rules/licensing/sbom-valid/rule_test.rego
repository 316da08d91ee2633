package dpgcheck.rules.licensing["sbom-valid_test"]

import data.dpgcheck.rules.licensing["sbom-valid"] as rule

doc(path, origin, fmt, problems) := {
	"path": path, "origin": origin, "format": fmt, "spdx": fmt != "cyclonedx", "readable": true, "problems": problems,
	"standard": {"cyclonedx": "cyclonedx", "json-ld": "spdx-3"}[fmt],
} if fmt in {"cyclonedx", "json-ld"}

else := {"path": path, "origin": origin, "format": fmt, "spdx": true, "readable": true, "problems": problems}

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
			"message": "bom.cdx.json is not valid CycloneDX: bom-refs that occur more than once (1, e.g. lib@1)",
			"evidence": {"code": "duplicate-bom-ref", "kind": "validation", "count": 1, "examples": ["lib@1"], "format": "cyclonedx", "origin": "repository"},
			"location": {"path": "bom.cdx.json"},
		},
		{
			"message": "app.spdx3.json is not valid SPDX 3: SPDX '3.0.0'; dpgcheck reads SPDX 3.0.1 JSON-LD (1, e.g. 3.0.0)",
			"evidence": {"code": "unsupported-spdx-version", "kind": "validation", "count": 1, "examples": ["3.0.0"], "format": "json-ld", "origin": "repository"},
			"location": {"path": "app.spdx3.json"},
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
		doc("bom.cdx.json", "repository", "cyclonedx", [{"code": "duplicate-bom-ref", "kind": "validation", "message": "bom-refs that occur more than once", "count": 1, "examples": ["lib@1"]}]),
		doc("app.spdx3.json", "repository", "json-ld", [{"code": "unsupported-spdx-version", "kind": "validation", "message": "SPDX '3.0.0'; dpgcheck reads SPDX 3.0.1 JSON-LD", "count": 1, "examples": ["3.0.0"]}]),
		doc("old.cdx.json", "repository", "cyclonedx", [{"code": "legacy", "kind": "unsupported", "message": "kept for facts 1.0", "count": 1, "examples": []}]),
	]}}
}

test_success_clean_document if {
	rule.findings == set() with input as {"sbom": {"documents": [doc("sbom.spdx.json", "repository", "json", [])]}}
}

test_success_clean_cyclonedx if {
	rule.findings == set() with input as {"sbom": {"documents": [doc("bom.cdx.json", "repository", "cyclonedx", [])]}}
}

test_not_applicable_without_sbom if {
	rule.not_applicable with input as {"sbom": {"documents": []}}
}

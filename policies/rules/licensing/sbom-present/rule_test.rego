package dpgcheck.rules.licensing["sbom-present_test"]

import data.dpgcheck.rules.licensing["sbom-present"] as rule

test_fail_no_sbom if {
	rule.findings == {{
		"message": "No SBOM found: no *.spdx.json, *.spdx, *.cdx.json or similar file in the repository and none given with --sbom",
		"evidence": {"documents": 0, "suggested_path": "sbom.spdx.json"},
	}} with input as {"sbom": {"count": 0, "spdx_count": 0, "readable_count": 0, "documents": []}}
}

test_success_cyclonedx_counts if {
	rule.findings == set() with input as {"sbom": {"count": 1, "spdx_count": 0, "readable_count": 0, "documents": [{"path": "bom.cdx.json", "format": "cyclonedx"}]}}
}

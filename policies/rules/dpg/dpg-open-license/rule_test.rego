package dpgcheck.rules.dpg["dpg-open-license_test"]

import data.dpgcheck.rules.dpg["dpg-open-license"] as rule
import data.dpgcheck.test.dpg.fixtures

# A licence entry as the collector writes it (see dpgcheck.licensing.expression.analyse).
entry(spdx, dnf, unknown) := {
	"spdx": spdx,
	"url": true,
	"analysis": {
		"expression": spdx, "normalized": spdx, "valid": count(unknown) == 0, "error": null,
		"ids": sort({id | some alt in dnf; some id in alt}), "exceptions": [], "unknown": unknown,
		"license_refs": [], "deprecated": [], "dnf": dnf,
	},
}

record(types, licenses) := object.union(fixtures.aam_digital, {"types": types, "licenses": licenses})

test_fail_repository_without_dpg_metadata if {
	rule.findings == {{
		"message": "Indicator 2 (open licence): no DPG metadata declares the solution's type and licences, so the approved list cannot be chosen; add dpg.json",
		"evidence": {"dpg_metadata": false},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.absent}
}

# zamba, an AI model in the registry, lists only MIT: the 1.1.7 rule for AI
# systems also wants the training data openly licensed, which the record cannot show.
test_fail_real_ai_model_without_data_licence if {
	rule.findings == {{
		"message": "Indicator 2 (open licence): no licence in the record (MIT) is approved for the training data of an AI model solution (data list)",
		"location": {"path": "nominees/zamba.json"},
		"evidence": {"type": "aimodel", "component": "training data", "categories": ["data"], "licenses": ["MIT"]},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": fixtures.zamba}
}

test_fail_software_licence_on_a_dataset if {
	rule.findings == {{
		"message": "Indicator 2 (open licence): no licence in the record (GPL-3.0) is approved for the data of a data solution (data list)",
		"location": {"path": "nominees/aam-digital.json"},
		"evidence": {"type": "data", "component": "data", "categories": ["data"], "licenses": ["GPL-3.0"]},
	}} with input as {"dpg": record(["data"], [entry("GPL-3.0", [["GPL-3.0-only"]], [])])}
}

# 1.1.7 (#186): one non-open part disqualifies a content collection.
test_fail_content_not_entirely_open if {
	rule.findings == {{
		"message": "Indicator 2 (open licence): license[1] LicenseRef-Proprietary is not an approved open licence for any declared type (content); since DPG Standard 1.1.7 content must be entirely openly licensed",
		"location": {"path": "nominees/aam-digital.json"},
		"evidence": {"index": 1, "spdx": "LicenseRef-Proprietary", "types": ["content"], "rule": "entirely-open"},
	}} with input as {"dpg": record(["content"], [
		entry("CC-BY-4.0", [["CC-BY-4.0"]], []),
		entry("LicenseRef-Proprietary", [["LicenseRef-Proprietary"]], []),
	])}
}

test_fail_no_derivatives_content if {
	rule.findings == {
		{
			"message": "Indicator 2 (open licence): no licence in the record (CC-BY-ND-4.0) is approved for the content of a content solution (content list)",
			"location": {"path": "nominees/aam-digital.json"},
			"evidence": {"type": "content", "component": "content", "categories": ["content"], "licenses": ["CC-BY-ND-4.0"]},
		},
		{
			"message": "Indicator 2 (open licence): license[0] CC-BY-ND-4.0 is never accepted: a no-derivatives (ND) licence: the DPGA never accepts ND licences (dpg-resources docs/eligibility/cc-licenses.md)",
			"location": {"path": "nominees/aam-digital.json"},
			"evidence": {"index": 0, "spdx": "CC-BY-ND-4.0", "rule": "excluded"},
		},
	} with input as {"dpg": record(["content"], [entry("CC-BY-ND-4.0", [["CC-BY-ND-4.0"]], [])])}
}

test_fail_unknown_licence_id if {
	rule.findings == {
		{
			"message": "Indicator 2 (open licence): no licence in the record (Apache2) is approved for the code of a software solution (software list)",
			"location": {"path": "nominees/aam-digital.json"},
			"evidence": {"type": "software", "component": "code", "categories": ["software"], "licenses": ["Apache2"]},
		},
		{
			"message": "Indicator 2 (open licence): license[0] \"Apache2\" is not an SPDX licence id; use the exact id from https://spdx.org/licenses/",
			"location": {"path": "nominees/aam-digital.json"},
			"evidence": {"index": 0, "spdx": "Apache2", "rule": "unknown-id"},
		},
	} with input as {"dpg": record(["software"], [entry("Apache2", [["Apache2"]], ["Apache2"])])}
}

# AND: every licence of the alternative must be approved.
test_fail_and_with_a_non_open_licence if {
	rule.findings == {{
		"message": "Indicator 2 (open licence): no licence in the record (MIT AND LicenseRef-NoCommercialUse) is approved for the code of a software solution (software list)",
		"location": {"path": "nominees/aam-digital.json"},
		"evidence": {"type": "software", "component": "code", "categories": ["software"], "licenses": ["MIT AND LicenseRef-NoCommercialUse"]},
	}} with input as {"dpg": record(["software"], [entry("MIT AND LicenseRef-NoCommercialUse", [["LicenseRef-NoCommercialUse", "MIT"]], [])])}
}

test_fail_no_licence_declared if {
	rule.findings == {{
		"message": "Indicator 2 (open licence): the record declares no licence",
		"location": {"path": "nominees/aam-digital.json"},
		"evidence": {"licenses": []},
		"outcome": "insufficient_evidence",
	}} with input as {"dpg": record(["software"], [])}
}

test_fail_empty_spdx_field if {
	rule.findings == {
		{
			"message": "Indicator 2 (open licence): no licence in the record (no SPDX id given) is approved for the code of a software solution (software list)",
			"location": {"path": "nominees/aam-digital.json"},
			"evidence": {"type": "software", "component": "code", "categories": ["software"], "licenses": [null]},
		},
		{
			"message": "Indicator 2 (open licence): license[0] has no usable SPDX licence expression (empty licence expression)",
			"location": {"path": "nominees/aam-digital.json"},
			"evidence": {"index": 0, "spdx": null, "rule": "invalid-expression"},
			"outcome": "insufficient_evidence",
		},
	} with input as {"dpg": record(["software"], [{"spdx": null, "url": true, "analysis": object.union(entry("", [], []).analysis, {"error": "empty licence expression", "valid": false})}])}
}

# aam-digital declares GPL-3.0, listed by the DPGA in its deprecated form: the
# facts carry GPL-3.0-only, which the normalised list holds.
test_success_real_record_deprecated_id if {
	rule.findings == set() with input as {"dpg": fixtures.aam_digital}
}

test_success_real_data_record_ogl if {
	rule.findings == set() with input as {"dpg": fixtures.scottish_hydrometric}
}

test_success_real_content_and_software_record if {
	rule.findings == set() with input as {"dpg": fixtures.storyweaver}
}

test_success_real_open_standard if {
	rule.findings == set() with input as {"dpg": fixtures.standard_for_public_code}
}

# OR: one approved alternative is enough.
test_success_or_expression if {
	rule.findings == set() with input as {"dpg": record(["software"], [entry("LicenseRef-Commercial OR GPL-3.0-or-later", [["GPL-3.0-or-later"], ["LicenseRef-Commercial"]], [])])}
}

test_success_ai_model_with_code_and_data_licences if {
	rule.findings == set() with input as {"dpg": record(["aimodel"], [entry("Apache-2.0", [["Apache-2.0"]], []), entry("CC-BY-4.0", [["CC-BY-4.0"]], [])])}
}

# A software project may license its documentation under CC-BY: extra licences are fine.
test_success_software_with_documentation_licence if {
	rule.findings == set() with input as {"dpg": record(["software"], [entry("BSD-2-Clause", [["BSD-2-Clause"]], []), entry("CC-BY-4.0", [["CC-BY-4.0"]], [])])}
}

test_success_replaced_list_from_a_government_bundle if {
	rule.findings == set() with input as {"dpg": record(["software"], [entry("LicenseRef-National-Open", [["LicenseRef-National-Open"]], [])])}
		with data.dpgcheck.licenses.dpga.categories.software.licenses as {"LicenseRef-National-Open": {"name": "National open licence"}}
}

test_fail_licence_withdrawn_by_a_government_bundle if {
	rule.findings == {
		{
			"message": "Indicator 2 (open licence): no licence in the record (GPL-3.0) is approved for the code of a software solution (software list)",
			"location": {"path": "nominees/aam-digital.json"},
			"evidence": {"type": "software", "component": "code", "categories": ["software"], "licenses": ["GPL-3.0"]},
		},
		{
			"message": "Indicator 2 (open licence): license[0] GPL-3.0-only is never accepted: not on the national list",
			"location": {"path": "nominees/aam-digital.json"},
			"evidence": {"index": 0, "spdx": "GPL-3.0-only", "rule": "excluded"},
		},
	} with input as {"dpg": fixtures.aam_digital}
		with data.dpgcheck.licenses.dpga.excluded as {"GPL-3.0-only": "not on the national list"}
}

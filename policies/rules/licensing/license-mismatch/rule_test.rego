package dpgcheck.rules.licensing["license-mismatch_test"]

import data.dpgcheck.rules.licensing["license-mismatch"] as rule

decl(source, path, field, normalized, ids) := {
	"source": source, "path": path, "field": field, "value": normalized, "kind": "spdx", "expression": normalized,
	"analysis": {
		"expression": normalized, "normalized": normalized, "valid": true, "error": null, "ids": ids, "exceptions": [],
		"unknown": [], "license_refs": [i | some i in ids; startswith(i, "LicenseRef-")], "deprecated": [], "dnf": [ids],
	},
}

detection(path, location, spdx_id, candidates, match, confidence) := {
	"path": path, "location": location, "size": 1000, "named_id": null, "third_party": false, "spdx_id": spdx_id, "candidates": candidates,
	"ids": candidates, "match": match, "confidence": confidence, "coverage": 100, "or_later": null,
	"additional_terms": null, "notice_kind": null, "extra_words": 0,
}

facts(declared, detected, combined) := {"licenses": {"declared": declared, "detected": detected, "combined": combined}}

no_combination := {"ids": [], "inferences": [], "analysis": null}

test_fail_declared_mit_file_apache if {
	rule.findings == {
		{
			"message": "package.json (license) declares MIT, but no licence file holds it (the licence files hold Apache-2.0)",
			"evidence": {"source": "package.json", "declared": "MIT", "detected": ["Apache-2.0"], "problem": "declared-not-detected", "files": 1},
			"location": {"path": "package.json"},
		},
		{
			"message": "LICENSE holds Apache-2.0, which no declaration names (declared: MIT)",
			"evidence": {"detected": ["Apache-2.0"], "declared": ["MIT"], "confidence": 1, "problem": "detected-not-declared"},
			"location": {"path": "LICENSE"},
		},
	} with input as facts(
		[decl("package.json", "package.json", "license", "MIT", ["MIT"])],
		[detection("LICENSE", "root", "Apache-2.0", ["Apache-2.0"], "full", 1)],
		no_combination,
	)
}

test_fail_only_declared_files_say_or_later if {
	rule.findings == {
		{
			"message": "pyproject.toml (project.license) declares GPL-3.0-only, but COPYING and LICENSE.md together say GPL-3.0-or-later (\"or any later version\")",
			"evidence": {"source": "pyproject", "declared": "GPL-3.0-only", "detected": "GPL-3.0-or-later", "files": ["COPYING", "LICENSE.md"], "problem": "only-vs-or-later"},
			"location": {"path": "pyproject.toml"},
		},
		{
			"message": "LICENSE.md holds GPL-3.0-or-later, which no declaration names (declared: GPL-3.0-only)",
			"evidence": {"detected": ["GPL-3.0-or-later"], "declared": ["GPL-3.0-only"], "confidence": 0.9, "problem": "detected-not-declared"},
			"location": {"path": "LICENSE.md"},
		},
	} with input as facts(
		[decl("pyproject", "pyproject.toml", "project.license", "GPL-3.0-only", ["GPL-3.0-only"])],
		[
			detection("COPYING", "root", "GPL-3.0-only", ["GPL-3.0-only", "GPL-3.0-or-later"], "full", 1),
			detection("LICENSE.md", "root", "GPL-3.0-or-later", ["GPL-3.0-or-later"], "notice", 0.9),
		],
		{"ids": ["GPL-3.0-or-later"], "inferences": [{"kind": "or-later", "id": "GPL-3.0-or-later", "from": ["COPYING", "LICENSE.md"]}], "analysis": null},
	)
}

test_fail_many_manifests_one_finding if {
	rule.findings == {{
		"message": "addons/a/__manifest__.py (license) and 2 other files declare LGPL-3.0-only, but no licence file holds it (the licence files hold Apache-2.0)",
		"evidence": {"source": "odoo-manifest", "declared": "LGPL-3.0-only", "detected": ["Apache-2.0"], "problem": "declared-not-detected", "files": 3},
		"location": {"path": "addons/a/__manifest__.py"},
	}} with input as facts(
		[
			decl("odoo-manifest", "addons/c/__manifest__.py", "license", "LGPL-3.0-only", ["LGPL-3.0-only"]),
			decl("odoo-manifest", "addons/a/__manifest__.py", "license", "LGPL-3.0-only", ["LGPL-3.0-only"]),
			decl("odoo-manifest", "addons/b/__manifest__.py", "license", "LGPL-3.0-only", ["LGPL-3.0-only"]),
			decl("odoo-manifest", "addons/d/__manifest__.py", "license", "Apache-2.0", ["Apache-2.0"]),
		],
		[detection("LICENSE", "root", "Apache-2.0", ["Apache-2.0"], "full", 1)],
		no_combination,
	)
}

test_success_gpl_text_consistent_with_or_later if {
	rule.findings == set() with input as facts(
		[decl("pyproject", "pyproject.toml", "project.license", "GPL-3.0-or-later", ["GPL-3.0-or-later"])],
		[detection("COPYING", "root", "GPL-3.0-only", ["GPL-3.0-only", "GPL-3.0-or-later"], "full", 1)],
		no_combination,
	)
}

test_success_dual_licence_and_reuse_texts if {
	rule.findings == set() with input as facts(
		[decl("cargo", "Cargo.toml", "package.license", "MIT OR Apache-2.0", ["Apache-2.0", "MIT"])],
		[
			detection("LICENSE-MIT", "root", "MIT", ["MIT"], "full", 1),
			detection("LICENSE-APACHE", "root", "Apache-2.0", ["Apache-2.0"], "full", 1),
			detection("LICENSES/CC0-1.0.txt", "LICENSES", "CC0-1.0", ["CC0-1.0"], "full", 1),
		],
		no_combination,
	)
}

test_success_weak_notice_not_used_against_declaration if {
	rule.findings == set() with input as facts(
		[decl("package.json", "package.json", "license", "MIT OR ISC", ["ISC", "MIT"])],
		[
			detection("LICENSE", "root", "MIT", ["MIT"], "full", 1),
			detection("docs/LICENSE.md", "docs", "GPL-2.0-only", ["GPL-2.0-only"], "notice", 0.7),
		],
		no_combination,
	)
}

test_success_lgpl_with_gpl_companion_and_third_party_file if {
	rule.findings == set() with input as facts(
		[decl("pyproject", "pyproject.toml", "project.license", "LGPL-3.0-or-later", ["LGPL-3.0-or-later"])],
		[
			detection("COPYING", "root", "GPL-3.0-only", ["GPL-3.0-only", "GPL-3.0-or-later"], "full", 1),
			detection("COPYING.LESSER", "root", "LGPL-3.0-only", ["LGPL-3.0-only", "LGPL-3.0-or-later"], "full", 1),
			object.union(detection("LICENSE-THIRD-PARTY", "root", "Apache-2.0", ["Apache-2.0"], "full", 1), {"third_party": true}),
		],
		{"ids": ["LGPL-3.0-only"], "inferences": [{"kind": "lgpl-incorporates-gpl", "id": "LGPL-3.0-only", "from": ["COPYING", "COPYING.LESSER"]}], "analysis": null},
	)
}

test_success_no_licence_files if {
	rule.findings == set() with input as facts([decl("package.json", "package.json", "license", "MIT", ["MIT"])], [], no_combination)
}

# Facts 2.0 carry no `combined`: what the files say together is worked out in Rego
# (lib/combined.rego) from the detections themselves.
facts_2_0(declared, detected) := {"facts_version": "2.0", "licenses": {"declared": declared, "detected": detected}}

or_later_notice(path) := object.union(detection(path, "root", "GPL-3.0-or-later", ["GPL-3.0-or-later"], "notice", 0.9), {"or_later": true})

test_fail_only_declared_files_say_or_later_in_facts_2_0 if {
	rule.findings == {
		{
			"message": "pyproject.toml (project.license) declares GPL-3.0-only, but COPYING and LICENSE.md together say GPL-3.0-or-later (\"or any later version\")",
			"evidence": {"source": "pyproject", "declared": "GPL-3.0-only", "detected": "GPL-3.0-or-later", "files": ["COPYING", "LICENSE.md"], "problem": "only-vs-or-later"},
			"location": {"path": "pyproject.toml"},
		},
		{
			"message": "LICENSE.md holds GPL-3.0-or-later, which no declaration names (declared: GPL-3.0-only)",
			"evidence": {"detected": ["GPL-3.0-or-later"], "declared": ["GPL-3.0-only"], "confidence": 0.9, "problem": "detected-not-declared"},
			"location": {"path": "LICENSE.md"},
		},
	} with input as facts_2_0(
		[decl("pyproject", "pyproject.toml", "project.license", "GPL-3.0-only", ["GPL-3.0-only"])],
		[detection("COPYING", "root", "GPL-3.0-only", ["GPL-3.0-only", "GPL-3.0-or-later"], "full", 1), or_later_notice("LICENSE.md")],
	)
}

test_success_or_later_declared_files_say_or_later_in_facts_2_0 if {
	rule.findings == set() with input as facts_2_0(
		[decl("pyproject", "pyproject.toml", "project.license", "GPL-3.0-or-later", ["GPL-3.0-or-later"])],
		[detection("COPYING", "root", "GPL-3.0-only", ["GPL-3.0-only", "GPL-3.0-or-later"], "full", 1), or_later_notice("LICENSE.md")],
	)
}

test_success_lgpl_with_gpl_companion_in_facts_2_0 if {
	rule.findings == set() with input as facts_2_0(
		[decl("pyproject", "pyproject.toml", "project.license", "LGPL-3.0-or-later", ["LGPL-3.0-or-later"])],
		[
			detection("COPYING", "root", "GPL-3.0-only", ["GPL-3.0-only", "GPL-3.0-or-later"], "full", 1),
			detection("COPYING.LESSER", "root", "LGPL-3.0-only", ["LGPL-3.0-only", "LGPL-3.0-or-later"], "full", 1),
		],
	)
}

test_fail_gpl_text_beside_lgpl_counts_when_no_incorporation_is_configured if {
	rule.findings == {{
		"message": "COPYING holds GPL-3.0-only, which no declaration names (declared: LGPL-3.0-or-later)",
		"evidence": {"detected": ["GPL-3.0-only", "GPL-3.0-or-later"], "declared": ["LGPL-3.0-or-later"], "confidence": 1, "problem": "detected-not-declared"},
		"location": {"path": "COPYING"},
	}} with input as facts_2_0(
		[decl("pyproject", "pyproject.toml", "project.license", "LGPL-3.0-or-later", ["LGPL-3.0-or-later"])],
		[
			detection("COPYING", "root", "GPL-3.0-only", ["GPL-3.0-only", "GPL-3.0-or-later"], "full", 1),
			detection("COPYING.LESSER", "root", "LGPL-3.0-only", ["LGPL-3.0-only", "LGPL-3.0-or-later"], "full", 1),
		],
	)
		with data.dpgcheck.config.thresholds.license_texts_incorporated as []
}

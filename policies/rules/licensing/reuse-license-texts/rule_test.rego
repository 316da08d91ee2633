package dpgcheck.rules.licensing["reuse-license-texts_test"]

import data.dpgcheck.rules.licensing["reuse-license-texts"] as rule

spdx := {
	"licenses": {
		"MIT": {"deprecated": false},
		"Apache-2.0": {"deprecated": false},
		"GPL-2.0": {"deprecated": true, "replacement": "GPL-2.0-only"},
		"CC0-1.0": {"deprecated": false},
	},
	"exceptions": {"Classpath-exception-2.0": {"deprecated": false}},
}

reuse(texts, missing, unused) := {"reuse": {
	"reuse_toml": ["REUSE.toml"],
	"licenses_dir": texts,
	"missing_licenses": missing,
	"unused_licenses": unused,
}}

text(id, extension) := {"id": id, "path": concat("", ["LICENSES/", id, extension]), "extension": extension}

test_fail_every_kind_of_problem if {
	rule.findings == {
		{
			"message": "BSD-3-Clause is used by some files but LICENSES/ has no text for it: add LICENSES/BSD-3-Clause.txt",
			"evidence": {"problem": "missing-text", "license": "BSD-3-Clause"},
		},
		{
			"message": "LICENSES/Apache-2.0.txt is in LICENSES/ but no file uses it",
			"evidence": {"problem": "unused-text", "license": "Apache-2.0"},
			"location": {"path": "LICENSES/Apache-2.0.txt"},
		},
		{
			"message": "LICENSES/Foo-License.txt: Foo-License is neither an SPDX licence id nor a LicenseRef-",
			"evidence": {"problem": "bad-name", "license": "Foo-License"},
			"location": {"path": "LICENSES/Foo-License.txt"},
		},
		{
			"message": "LICENSES/GPL-2.0.txt: GPL-2.0 is a deprecated SPDX id (use GPL-2.0-only)",
			"evidence": {"problem": "deprecated-id", "license": "GPL-2.0"},
			"location": {"path": "LICENSES/GPL-2.0.txt"},
		},
		{
			"message": "LICENSES/CC0-1.0 has no file extension: name it LICENSES/CC0-1.0.txt",
			"evidence": {"problem": "no-extension", "license": "CC0-1.0"},
			"location": {"path": "LICENSES/CC0-1.0"},
		},
	} with input as reuse(
		[text("MIT", ".txt"), text("Apache-2.0", ".txt"), text("Foo-License", ".txt"), text("GPL-2.0", ".txt"), text("CC0-1.0", "")],
		["BSD-3-Clause"], ["Apache-2.0"],
	)
		with data.dpgcheck.licenses.spdx as spdx
}

test_success_consistent_texts if {
	rule.findings == set() with input as reuse(
		[text("MIT", ".txt"), text("LicenseRef-Custom", ".md"), text("Classpath-exception-2.0", ".txt")],
		[], [],
	)
		with data.dpgcheck.licenses.spdx as spdx
}

test_not_applicable_without_reuse if {
	rule.not_applicable with input as {"reuse": {"reuse_toml": [], "dep5": false, "licenses_dir": [], "missing_licenses": ["MIT"], "unused_licenses": []}}
	rule.findings == set() with input as {"reuse": {"reuse_toml": [], "dep5": false, "licenses_dir": [], "missing_licenses": ["MIT"], "unused_licenses": []}}
}

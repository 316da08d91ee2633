package dpgcheck.lib.licenses_test

import data.dpgcheck.lib.licenses

analysis(dnf) := {"valid": true, "ids": sort({id | some alt in dnf; some id in alt}), "dnf": dnf}

test_flags_from_spdx_data if {
	licenses.osi_approved("Apache-2.0")
	licenses.fsf_libre("GPL-3.0-only")
	not licenses.osi_approved("CC-BY-4.0")
	licenses.open_data("CC-BY-4.0")
	licenses.deprecated("GPL-2.0")
	not licenses.deprecated("GPL-2.0-only")
	licenses.known("GPL-2.0")
	not licenses.known("Foo-1.0")
	licenses.license_ref("LicenseRef-mine")
	licenses.category("GPL-3.0-only") == "copyleft"
	licenses.category("Nope") == "unknown"
	licenses.copyleft("MPL-2.0")
	not licenses.copyleft("MIT")
}

test_open_license if {
	licenses.open_license("MIT")
	licenses.open_license("CC0-1.0")
	licenses.open_license("ODbL-1.0")
	not licenses.open_license("CC-BY-NC-4.0")
	not licenses.open_license("BUSL-1.1")
	not licenses.open_license("LicenseRef-proprietary")
}

test_expression_approved_over_dnf if {
	licenses.expression_approved(analysis([["GPL-3.0-only"], ["MIT"]]), {"MIT"})
	not licenses.expression_approved(analysis([["Apache-2.0", "GPL-3.0-only"]]), {"Apache-2.0"})
	not licenses.expression_approved({"valid": false, "ids": ["MIT"], "dnf": [["MIT"]]}, {"MIT"})
}

test_expression_open if {
	licenses.expression_open(analysis([["BUSL-1.1"], ["Apache-2.0", "CC-BY-4.0"]]))
	not licenses.expression_open(analysis([["BUSL-1.1", "Apache-2.0"]]))
	licenses.not_open_ids(analysis([["BUSL-1.1", "Apache-2.0"]])) == {"BUSL-1.1"}
}

test_compatibility_osadl_and_curated if {
	licenses.compatibility("Apache-2.0", "GPL-3.0-only") == {"verdict": "no", "source": "osadl"}
	licenses.compatibility("GPL-3.0-only", "Apache-2.0") == {"verdict": "yes", "source": "osadl"}
	licenses.compatibility("GPL-2.0-only", "Apache-2.0") == {"verdict": "no", "source": "osadl"}
	licenses.compatibility("GPL-3.0-or-later", "CC-BY-SA-4.0") == {"verdict": "yes", "source": "dpgcheck-curated"}
	licenses.compatibility("MIT", "CC-BY-SA-4.0") == {"verdict": "no", "source": "dpgcheck-curated"}
	licenses.compatibility("Apache-2.0", "ODbL-1.0") == {"verdict": "check-dependency", "source": "dpgcheck-curated"}
	licenses.compatibility("Apache-2.0", "LicenseRef-x") == {"verdict": "unknown", "source": "none"}
}

test_inbound_verdict if {
	licenses.inbound_verdict("Apache-2.0", analysis([["GPL-3.0-only"], ["MIT"]])) == "yes"
	licenses.inbound_verdict("Apache-2.0", analysis([["GPL-3.0-only"]])) == "no"
	licenses.inbound_verdict("Apache-2.0", analysis([["GPL-3.0-only", "MIT"]])) == "no"
	licenses.inbound_verdict("Apache-2.0", analysis([["ODbL-1.0", "MIT"]])) == "check-dependency"
	licenses.inbound_verdict("Apache-2.0", analysis([["LicenseRef-x"]])) == "unknown"
	licenses.inbound_verdict("Apache-2.0", analysis([])) == "unknown"
}

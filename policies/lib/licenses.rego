# METADATA
# title: Licence look-ups
# description: |
#   Helpers over the licence data (data.dpgcheck.licenses.spdx and
#   data.dpgcheck.licenses.compatibility) and over SPDX expression analyses
#   (the facts' {ids, dnf, ...} objects). Rules look licences up here; they never
#   parse expressions or match licence names as strings.
package dpgcheck.lib.licenses

default spdx := {"licenses": {}, "exceptions": {}}

spdx := data.dpgcheck.licenses.spdx

default _compatibility_data := {"matrix": {}, "curated": [], "covered": {}}

_compatibility_data := data.dpgcheck.licenses.compatibility

# known(id): the id is on the SPDX licence list (deprecated or not).
known(id) if spdx.licenses[id]

license_ref(id) if {
	is_string(id)
	startswith(id, "LicenseRef-")
}

license_ref(id) if {
	is_string(id)
	startswith(id, "DocumentRef-")
}

osi_approved(id) if spdx.licenses[id].osi == true

fsf_libre(id) if spdx.licenses[id].fsf == true

deprecated(id) if spdx.licenses[id].deprecated == true

open_data(id) if spdx.licenses[id].open_data == true

# category(id): ScanCode category (permissive, copyleft, copyleft-limited, ...) or "unknown".
default category(_) := "unknown"

category(id) := c if {
	c := spdx.licenses[id].category
	c != null
}

copyleft(id) if category(id) in {"copyleft", "copyleft-limited"}

# open_license(id): OSI-approved, FSF-libre, or an open data/content licence.
open_license(id) if osi_approved(id)

open_license(id) if fsf_libre(id)

open_license(id) if open_data(id)

# _all_in(ids, allowed): every id of a list is in the set `allowed`.
_all_in(ids, allowed) if {
	every id in ids {
		id in allowed
	}
}

# expression_approved(analysis, allowed): some alternative of the expression has all its
# licence ids in the set `allowed`.
expression_approved(analysis, allowed) if {
	analysis.valid
	some alternative in analysis.dnf
	_all_in(alternative, allowed)
}

# expression_open(analysis): some alternative is made only of open licences.
expression_open(analysis) if {
	analysis.valid
	some alternative in analysis.dnf
	every id in alternative {
		open_license(id)
	}
}

# not_open_ids(analysis): the ids of an expression that are not open licences.
not_open_ids(analysis) := {id | some id in analysis.ids; not open_license(id)}

# compatibility(outbound, inbound): {"verdict", "source"} for one pair of licence ids.
compatibility(outbound, inbound) := {"verdict": v, "source": _curated_source(outbound, inbound)} if {
	v := _compatibility_data.matrix[outbound][inbound]
} else := {"verdict": "unknown", "source": "none"}

_curated_source(outbound, inbound) := "dpgcheck-curated" if {
	some rule in _compatibility_data.curated
	outbound in rule.outbound
	inbound in rule.inbound
} else := "osadl"

verdict(outbound, inbound) := compatibility(outbound, inbound).verdict

# _alternative_verdict(outbound, ids): "yes" when every id is compatible, "no" when one is not,
# otherwise the weakest of "check-dependency" / "unknown".
_alternative_verdict(outbound, ids) := "no" if {
	some id in ids
	verdict(outbound, id) == "no"
} else := "yes" if {
	every id in ids {
		verdict(outbound, id) == "yes"
	}
} else := "check-dependency" if {
	every id in ids {
		verdict(outbound, id) in {"yes", "check-dependency"}
	}
} else := "unknown"

# inbound_verdict(outbound, inbound_analysis): can a work under `outbound` include a work
# under the inbound expression? "yes" when some alternative is all-compatible, "no" when every
# alternative has an incompatible licence, else "check-dependency" or "unknown".
inbound_verdict(outbound, analysis) := "yes" if {
	some alternative in analysis.dnf
	_alternative_verdict(outbound, alternative) == "yes"
} else := "no" if {
	count(analysis.dnf) > 0
	every alternative in analysis.dnf {
		_alternative_verdict(outbound, alternative) == "no"
	}
} else := "check-dependency" if {
	some alternative in analysis.dnf
	_alternative_verdict(outbound, alternative) == "check-dependency"
} else := "unknown"

# METADATA
# title: What the licence files say together
# description: |
#   The policy part of reading several licence files. The facts say what each
#   text is (input.licenses.detected: its SPDX id, the ids it is consistent with,
#   whether it carries an "or (at your option) any later version" notice); how
#   the texts combine is decided here, with the thresholds
#   license_or_later_notice_widens (a GNU text that is "-only" by itself plus an
#   or-later notice in the project's files is "-or-later") and
#   license_texts_incorporated (a text that incorporates another, as the LGPL-3.0
#   text incorporates the GPL-3.0 one it asks to be shipped beside it, makes the
#   pair mean the first alone). Third-party licence files take no part. Facts 1.x
#   carry the collector's own answer (input.licenses.combined), used as it is.
package dpgcheck.lib.combined

import data.dpgcheck.lib.config
import data.dpgcheck.lib.licenses

# The project's own licence texts.
detected := [d |
	some d in object.get(input, ["licenses", "detected"], [])
	not d.third_party
]

# family("GPL-3.0-only") is "GPL-3.0": the GNU families whose ids say -only or -or-later.
family(id) := trim_suffix(trim_suffix(id, "-only"), "-or-later") if {
	regex.match(`^(A?GPL|LGPL|GFDL)-[0-9]\.[0-9]-(only|or-later)$`, id)
} else := id

# What one text holds: its id, or every id it is consistent with when it is not one licence.
text_ids(d) := [d.spdx_id] if {
	is_string(d.spdx_id)
	d.match != "multiple"
	not contains(d.spdx_id, " ")
} else := object.get(d, "candidates", [])

texts := {i | some d in detected; some i in text_ids(d); is_string(i)}

or_later_families := {family(i) |
	some d in detected
	d.or_later == true
	some i in object.get(d, "candidates", [])
	endswith(i, "-or-later")
}

widen(id) := sprintf("%s-or-later", [family(id)]) if {
	config.threshold("license_or_later_notice_widens") == true
	endswith(id, "-only")
	family(id) in or_later_families
} else := id

after_notices := {widen(i) | some i in texts}

or_later_inferences := {{"kind": "or-later", "id": later, "from": sort(paths)} |
	some id in texts
	later := widen(id)
	later != id
	paths := {d.path | some d in detected; some c in object.get(d, "candidates", []); family(c) == family(id)}
}

# The incorporation rules that apply: both texts are there.
applied := [r |
	some r in config.threshold("license_texts_incorporated")
	count(_family_ids(r.text)) > 0
	count(_family_ids(r.incorporates)) > 0
]

_family_ids(name) := {i | some i in after_notices; family(i) == name}

incorporation_inferences := {{"kind": r.kind, "id": sort(_family_ids(r.text))[0], "from": sort(paths)} |
	some r in applied
	paths := {d.path | some d in detected; is_string(d.spdx_id); family(d.spdx_id) in {r.text, r.incorporates}}
}

dropped := {i | some r in applied; some i in _family_ids(r.incorporates)}

ids := sort(after_notices - dropped)

_inferences := or_later_inferences | incorporation_inferences

inferences := [inference |
	some key in sort({[i.kind, i.id] | some i in _inferences})
	some inference in _inferences
	[inference.kind, inference.id] == key
]

# The combined licence as an expression analysis (the shape of input.licenses.declared[_].analysis).
default analysis := null

analysis := {
	"expression": concat(" AND ", ids),
	"normalized": concat(" AND ", ids),
	"valid": true,
	"error": null,
	"ids": ids,
	"exceptions": [],
	"unknown": [i | some i in ids; not licenses.known(i); not licenses.license_ref(i)],
	"license_refs": [i | some i in ids; licenses.license_ref(i)],
	"deprecated": [{"id": i, "replacement": object.get(licenses.spdx.licenses[i], "replacement", "")} | some i in ids; licenses.deprecated(i)],
	"dnf": [ids],
} if count(ids) > 0

# What the licence files say together: {ids, inferences, analysis}.
combined := input.licenses.combined if {
	is_object(input.licenses.combined)
} else := {"ids": ids, "inferences": inferences, "analysis": analysis}

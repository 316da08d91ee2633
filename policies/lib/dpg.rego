# METADATA
# title: DPG record helpers
# description: |
#   What the DPG indicator rules (policies/rules/dpg) share: where a finding
#   about the DPG record points, and how an answer that is neither Yes nor No
#   is worded in a message.
package dpgcheck.lib.dpg

# The files the DPG facts were read from, in order: the nominee record first (dpg.json in a
# repository, or the --record file), then the screening answers when they come from a file
# of their own (the --screening file). Empty when there is no record.
_record_files := object.get(input, ["dpg", "files"], [])

_nominee_location := {"location": {"path": _record_files[0]}} if count(_record_files) > 0
else := {}

_screening_location := {"location": {"path": _record_files[count(_record_files) - 1]}} if count(_record_files) > 0
else := {}

# A finding about the nominee record (indicators 1 and 2) points at the nominee record's file.
on_nominee_record(finding) := object.union(finding, _nominee_location)

# A finding about a screening answer (indicators 3 to 9) points at the file that holds the
# screening answers: dpg.json in a repository, the --screening file, or the --record file
# when there is no screening record.
on_screening_answers(finding) := object.union(finding, _screening_location)

# How a screening answer that is neither Yes nor No reads in a message (the facts give
# "unknown", "missing" or "other" for such an answer): not enough evidence either way.
unclear_answers := {"unknown": "answered Unknown", "missing": "not answered", "other": "answered with neither Yes nor No"}

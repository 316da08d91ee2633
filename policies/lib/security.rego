# METADATA
# title: Security helpers
# description: |
#   Shared look-ups over input.security for the security rules and the
#   Scorecard-shaped view: which workflow triggers run with the base
#   repository's secrets, which github.* contexts an outsider controls, which
#   checkouts fetch a pull request's code. The lists are bundle data
#   (data.dpgcheck.security), so a government bundle can extend them.
package dpgcheck.lib.security

default lists := {}

lists := data.dpgcheck.security

_security := object.get(input, "security", {})

_workflows := object.get(_security, "workflows", [])

github_workflows := [w | some w in _workflows; w.system == "github-actions"; w.readable]

_dangerous_trigger(triggers) if {
	some t in triggers
	t in object.get(lists, "dangerous_triggers", [])
}

# The patterns joined into one, so each context is matched once (a workflow repository can
# hold thousands of expressions).
_untrusted_context_pattern := concat("|", [sprintf("(?:%s)", [p]) | some p in object.get(lists, "untrusted_contexts", [])])

_untrusted_context(context) if {
	_untrusted_context_pattern != ""
	regex.match(_untrusted_context_pattern, context)
}

_untrusted_checkout(checkout) if {
	some context in checkout.contexts
	some pattern in object.get(lists, "untrusted_checkout_contexts", [])
	regex.match(pattern, context)
}

_untrusted_checkout(checkout) if {
	some fragment in object.get(lists, "untrusted_checkout_refs", [])
	contains(checkout.ref, fragment)
}

# A checkout of a pull request's code in a workflow that runs with the base repository's secrets.
dangerous_checkouts contains c if {
	some c in object.get(_security, "checkouts", [])
	_dangerous_trigger(c.triggers)
	_untrusted_checkout(c)
}

_expressions := object.get(_security, "expressions", [])

# Each distinct context is matched once: a workflow repository repeats the same few
# (github.sha, github.ref_name) hundreds of times.
_untrusted_contexts := {context |
	some context in {e.context | some e in _expressions}
	_untrusted_context(context)
}

# A context an outsider controls, expanded into a script before the shell sees it.
injections contains e if {
	some e in _expressions
	e.context in _untrusted_contexts
}

# Actions and reusable workflows fetched from elsewhere (local ./ actions are part of the repository).
remote_actions := [a | some a in object.get(_security, "actions", []); a.kind != "local"]

writes(p) if p.level == "write-all"

writes(p) if count(p.write) > 0

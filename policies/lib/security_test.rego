package dpgcheck.lib.security_test

import data.dpgcheck.lib.security

test_untrusted_context_from_bundle_data if {
	security.untrusted_context("github.event.issue.title")
	security.untrusted_context("github.event.commits.*.message")
	not security.untrusted_context("github.event.issue.number")
	not security.untrusted_context("github.sha")
}

test_untrusted_checkout_by_context_and_by_ref if {
	security.untrusted_checkout({"ref": "${{ github.event.pull_request.head.sha }}", "contexts": ["github.event.pull_request.head.sha"]})
	security.untrusted_checkout({"ref": "refs/pull/${{ github.event.number }}/merge", "contexts": ["github.event.number"]})
	not security.untrusted_checkout({"ref": "main", "contexts": []})
}

test_dangerous_triggers if {
	security.dangerous_trigger(["push", "pull_request_target"])
	not security.dangerous_trigger(["pull_request"])
}

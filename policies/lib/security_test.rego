package dpgcheck.lib.security_test

import data.dpgcheck.lib.security

test_untrusted_context_from_bundle_data if {
	security._untrusted_context("github.event.issue.title")
	security._untrusted_context("github.event.commits.*.message")
	not security._untrusted_context("github.event.issue.number")
	not security._untrusted_context("github.sha")
}

test_untrusted_checkout_by_context_and_by_ref if {
	security._untrusted_checkout({"ref": "${{ github.event.pull_request.head.sha }}", "contexts": ["github.event.pull_request.head.sha"]})
	security._untrusted_checkout({"ref": "refs/pull/${{ github.event.number }}/merge", "contexts": ["github.event.number"]})
	not security._untrusted_checkout({"ref": "main", "contexts": []})
}

test_dangerous_triggers if {
	security._dangerous_trigger(["push", "pull_request_target"])
	not security._dangerous_trigger(["pull_request"])
}

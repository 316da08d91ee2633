package dpgcheck.rules.security["download-then-execute_test"]

import data.dpgcheck.rules.security["download-then-execute"] as rule

test_fail_curl_pipe_sh if {
	rule.findings == {{
		"message": "Dockerfile runs a download without checking it: RUN curl -fsSL https://example.org/install.sh | sh",
		"evidence": {"command": "RUN curl -fsSL https://example.org/install.sh | sh", "source": "dockerfile"},
		"location": {"path": "Dockerfile", "line": 4},
	}} with input as {"security": {"downloads": [{"path": "Dockerfile", "line": 4, "source": "dockerfile", "command": "RUN curl -fsSL https://example.org/install.sh | sh"}]}}
}

test_success_no_download if {
	rule.findings == set() with input as {"security": {"downloads": []}}
}

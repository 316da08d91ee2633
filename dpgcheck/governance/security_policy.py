"""What a security policy says: its private reporting channels, an encryption key, a timeline, supported versions.

Only kinds of channel and yes/no answers are returned, never an address."""
from __future__ import annotations

import re
from typing import TypedDict

from dpgcheck.patterns import lazy
from dpgcheck.governance.contacts import contact_kinds

_TIMELINE = lazy(
    r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|ten|fourteen|thirty|sixty|ninety)[- ](?:business |working |calendar )?(?:hours?|days?|weeks?|months?)\b",
    re.IGNORECASE,
)
_DISCLOSURE = lazy(r"\bdisclos|\bembargo\b|\brespon(?:d|se)\b|\backnowledg|\bfix(?:ed)?\b|\bpatch", re.IGNORECASE)
_SUPPORTED_VERSIONS = lazy(r"supported versions|versions? (?:are|is) supported|security updates? (?:are|is) (?:provided|released)", re.IGNORECASE)
_PGP = lazy(r"\bpgp\b|\bgpg\b|\bopenpgp\b|encrypt", re.IGNORECASE)
#: Characters either side of a stated period searched for words saying what the period is for.
_TIMELINE_CONTEXT = 200


class SecurityPolicy(TypedDict):
    private_channels: list[str]
    pgp: bool
    disclosure_timeline: bool
    supported_versions: bool


def read_security_policy(text: str) -> SecurityPolicy:
    """The channels a security policy offers and whether it mentions encryption, a response or
    disclosure period (a number of hours, days, weeks or months near such words) and supported versions."""
    body = " ".join(text.split())
    return {
        "private_channels": contact_kinds(text),
        "pgp": bool(_PGP.search(text)),
        "disclosure_timeline": any(
            _DISCLOSURE.search(body[max(0, m.start() - _TIMELINE_CONTEXT): m.end() + _TIMELINE_CONTEXT]) for m in _TIMELINE.finditer(body)
        ),
        "supported_versions": bool(_SUPPORTED_VERSIONS.search(body)),
    }

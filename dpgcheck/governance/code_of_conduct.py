"""What a code of conduct says about enforcement: a section on it, the kinds of contact, a template placeholder left in."""
from __future__ import annotations

import re
from typing import TypedDict

from dpgcheck.patterns import lazy
from dpgcheck.governance.contacts import PLACEHOLDER, contact_kinds
from dpgcheck.governance.headings import headings, section

_ENFORCEMENT_HEADING = lazy(r"enforcement|reporting|report|contact|incident", re.IGNORECASE)


class CodeOfConduct(TypedDict):
    enforcement_section: bool
    enforcement_contacts: list[str]
    placeholder: bool


def read_code_of_conduct(text: str) -> CodeOfConduct:
    """Whether a heading introduces enforcement or reporting, which kinds of contact the text gives,
    and whether a template's "insert contact" placeholder is still there."""
    return {
        "enforcement_section": section(text, headings(text), _ENFORCEMENT_HEADING) is not None,
        "enforcement_contacts": contact_kinds(text),
        "placeholder": bool(PLACEHOLDER.search(text)),
    }

"""dpgcheck: Digital Public Goods policy-as-code.

Python gathers facts and renders results; Rego makes every judgement.
"""
from __future__ import annotations

__version__ = "0.1.0"

#: Version of the facts document (the ``input`` the policies read).
FACTS_VERSION = "2.0"
#: Version of the JSON report layout.
REPORT_VERSION = "1.1"
#: The DPG Standard release the built-in policies encode.
DPG_STANDARD_VERSION = "1.1.7"

"""dpgcheck: Digital Public Goods policy-as-code.

Python gathers facts and renders results; Rego makes every judgement.
"""
from __future__ import annotations

from dpgcheck.vocabulary import DPG_STANDARD_VERSION, FACTS_VERSION, REPORT_VERSION, TOOL_VERSION

__version__ = TOOL_VERSION
__all__ = ["DPG_STANDARD_VERSION", "FACTS_VERSION", "REPORT_VERSION", "__version__"]

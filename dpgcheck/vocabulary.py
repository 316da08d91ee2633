"""The words and versions dpgcheck speaks, defined once.

Severities, report formats, engines and the versions of the tool, the facts document, the
JSON report and the DPG Standard release. Python reads them from here; the copies that
must live in the policies (``policies/.manifest``, the profiles' and licence lists'
``standard_version``, ``supported_facts_versions`` in ``policies/decision/decision.rego``)
and ``pyproject.toml``'s version are checked against this module by
``tests/architecture/test_vocabulary.py``.
"""
from __future__ import annotations

#: dpgcheck's own version (also ``pyproject.toml`` and ``policies/.manifest``'s ``revision``).
TOOL_VERSION = "0.1.0"
#: Version of the facts document (the ``input`` the policies read).
FACTS_VERSION = "3.0"
#: Facts versions the decision accepts (``supported_facts_versions`` in decision.rego).
SUPPORTED_FACTS_VERSIONS = ("1.0", "1.1", "2.0", "3.0")
#: Version of the JSON report layout.
REPORT_VERSION = "1.1"
#: The DPG Standard release the built-in policies encode.
DPG_STANDARD_VERSION = "1.1.7"

#: Severities of a rule, most severe first.
SEVERITIES = ("error", "warning", "info")
#: Rank of a severity for sorting (0 = most severe).
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
#: What ``--severity RULE=LEVEL`` may set: a severity, or ``off``.
SEVERITY_OVERRIDES = (*SEVERITIES, "off")
#: What ``--fail-on`` accepts: a severity, or ``never``.
FAIL_ON_LEVELS = (*SEVERITIES, "never")

#: Report formats of ``dpgcheck check``.
FORMATS = ("text", "json", "sarif", "junit", "markdown", "github")
#: Rego engines: embedded regorus, an OPA server, OPA's Go engine in-process.
ENGINES = ("regorus", "opa", "opa-go")

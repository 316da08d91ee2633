"""dpgcheck bundle init: scaffold a government bundle that passes its own tests and the contract."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from dpgcheck import DPG_STANDARD_VERSION, __version__
from dpgcheck.errors import EXIT_PASS, DpgcheckError

RULE = '''# METADATA
# title: Code owners are named
# description: |
#   An example rule of the {name} bundle: the repository names who owns which
#   code in a CODEOWNERS file, so that a public body knows whom to ask.
#   Replace it with your own criteria, and cite the text that sets them.
# related_resources:
#   - description: GitHub documentation, About code owners
#     ref: https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
# custom:
#   severity: warning
#   remediation: Add a CODEOWNERS file at the root, in .github/ or in docs/.
#   profiles: [{namespace}-example]
package dpgcheck.rules.{namespace}_community["{namespace}.codeowners"]

import data.dpgcheck.lib.result

findings contains finding if {{
	count(input.files.inventory.codeowners) == 0
	finding := result.fail("No CODEOWNERS file: name who owns the code", {{"searched": ["root", ".github", "docs"]}})
}}
'''

TEST = '''package dpgcheck.rules.{namespace}_community["{namespace}.codeowners_test"]

import data.dpgcheck.rules.{namespace}_community["{namespace}.codeowners"] as rule

test_fail_no_codeowners if {{
	rule.findings == {{{{"message": "No CODEOWNERS file: name who owns the code", "evidence": {{"searched": ["root", ".github", "docs"]}}}}}} with input as {{"files": {{"inventory": {{"codeowners": []}}}}}}
}}

test_success_codeowners if {{
	rule.findings == set() with input as {{"files": {{"inventory": {{"codeowners": [{{"location": "root", "path": "CODEOWNERS", "size": 10}}]}}}}}}
}}
'''


def bundle_init(directory: Path, *, namespace: str, name: str | None, publisher: str, jurisdiction: str) -> int:
    from dpgcheck.bundle.overlay import NAMESPACE

    if not NAMESPACE.match(namespace):
        raise DpgcheckError(f"namespace {namespace!r} must be 2-16 lower-case letters and digits, starting with a letter")
    if directory.exists() and any(directory.iterdir()):
        raise DpgcheckError("directory is not empty; bundle init writes a new bundle", path=str(directory))
    name = name or directory.name
    manifest = {
        "revision": "0.1.0",
        "roots": [f"dpgcheck/rules/{namespace}_community", f"dpgcheck/profiles/{namespace}-example"],
        "rego_version": 1,
        "metadata": {
            "name": name,
            "namespace": namespace,
            "publisher": publisher,
            "jurisdiction": jurisdiction,
            "version": "0.1.0",
            "dpgcheck_version": __version__,
            "dpg_standard_version": DPG_STANDARD_VERSION,
        },
    }
    profile = {
        "title": f"{name}: example profile",
        "description": "The procurement minimum, plus this bundle's own rules. Edit to suit.",
        "include": ["profile:procurement-minimum", f"profile:{namespace}-example"],
        "exclude": [],
        "severity": {},
        "thresholds": {},
    }
    files = {
        ".manifest": json.dumps(manifest, indent=2) + "\n",
        f"rules/{namespace}_community/codeowners/rule.rego": RULE.format(namespace=namespace, name=name),
        f"rules/{namespace}_community/codeowners/rule_test.rego": TEST.format(namespace=namespace),
        f"dpgcheck/profiles/{namespace}-example/data.json": json.dumps(profile, indent=2) + "\n",
    }
    try:
        for relative, text in files.items():
            target = directory / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DpgcheckError(f"cannot write the bundle: {exc.strerror or exc}", path=str(directory)) from None
    sys.stdout.write(f"wrote {directory}: {len(files)} files; next: dpgcheck bundle build --overlay {directory} -o {name}.tar.gz\n")
    return EXIT_PASS

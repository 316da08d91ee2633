"""dpgcheck policy doc: the rule catalogue as Markdown, generated from the rules' METADATA.

The page lists every rule of the loaded bundles (by default the built-in ones)
with its id, DPG indicator, severity, profiles, description, remediation and
references, so the documentation can never drift from the policies: the
repository's ``docs/policies.md`` is this command's output, and a test fails
when it is out of date.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from dpgcheck.errors import EXIT_FINDINGS, EXIT_PASS, DpgcheckError
from dpgcheck.vocabulary import DPG_STANDARD_VERSION

#: The order of DPG Standard indicators in the catalogue.
INDICATOR_ORDER = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "9a", "9b", "9c"]

REGENERATE = "dpgcheck policy doc -o docs/policies.md"


def _cell(text: Any) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _indicator_key(rule: dict[str, Any]) -> tuple[int, str]:
    indicator = rule.get("indicator")
    position = INDICATOR_ORDER.index(indicator) if indicator in INDICATOR_ORDER else len(INDICATOR_ORDER)
    return position, rule["id"]


def _profile_severities(profiles: dict[str, Any], rule: dict[str, Any]) -> list[str]:
    """Profiles that change this rule's severity, as ``profile: level``."""
    changed = []
    for name in sorted(profiles):
        level = (profiles[name].get("severity") or {}).get(rule["id"]) if isinstance(profiles[name], dict) else None
        if level and level != rule["severity"]:
            changed.append(f"{name}: {level}")
    return changed


def render(catalog: dict[str, dict[str, Any]], profiles: dict[str, Any], *, title: str = "dpgcheck rule catalogue") -> str:
    """The Markdown page for a rule catalogue (``PolicySet.catalog``) and its profiles."""
    areas: dict[str, list[dict[str, Any]]] = {}
    for rule in catalog.values():
        areas.setdefault(rule["area"], []).append(rule)
    lines = [
        f"# {title}",
        "",
        "<!-- Generated from the rules' METADATA annotations; do not edit by hand. -->",
        f"<!-- Regenerate with: {REGENERATE} -->",
        # Remediation texts quote SPDX tags; tell REUSE tools they are prose, not this file's licence.
        "<!-- REUSE-IgnoreStart -->",
        "",
        f"{len(catalog)} rules in {len(areas)} areas. Severity is the rule's own; a profile may raise or lower it",
        f"(shown under *Profile severity*). DPG Standard indicators follow version {DPG_STANDARD_VERSION}.",
        "",
    ]
    if profiles:
        lines += ["## Profiles", "", "| Profile | Title | Description |", "| --- | --- | --- |"]
        for name in sorted(profiles):
            profile = profiles[name] if isinstance(profiles[name], dict) else {}
            lines.append(f"| `{name}` | {_cell(profile.get('title', ''))} | {_cell(profile.get('description', ''))} |")
        lines.append("")
    lines += ["## Summary", "", "| Rule | Area | Indicator | Severity | Title |", "| --- | --- | --- | --- | --- |"]
    for area in sorted(areas):
        for rule in sorted(areas[area], key=_indicator_key):
            lines.append(
                f"| [`{rule['id']}`](#{rule['id']}) | {area} | {rule.get('indicator') or ''} | {rule['severity']} | {_cell(rule['title'])} |"
            )
    lines.append("")
    for area in sorted(areas):
        lines += [f"## Area `{area}`", ""]
        for rule in sorted(areas[area], key=_indicator_key):
            lines += [f"### {rule['id']}", "", f"**{_cell(rule['title'])}**", ""]
            facts = [f"- Severity: {rule['severity']}"]
            if rule.get("indicator"):
                facts.append(f"- DPG Standard indicator: {rule['indicator']}")
            changed = _profile_severities(profiles, rule)
            if changed:
                facts.append(f"- Profile severity: {', '.join(changed)}")
            if rule.get("profiles"):
                facts.append(f"- Profiles: {', '.join(rule['profiles'])}")
            if rule.get("principle"):
                facts.append(f"- Principle: {rule['principle']}")
            if rule.get("effective_on"):
                facts.append(f"- Effective on: {rule['effective_on']}")
            if "history" in rule.get("depends_on", []):
                facts.append("- Depends on: the git history (a note, not a failure, in `--staged` hook runs)")
            lines += facts + ["", rule["description"], "", f"**Remediation.** {rule['remediation']}", ""]
            if rule.get("references"):
                lines.append("**References.**")
                lines.append("")
                for ref in rule["references"]:
                    label = ref.get("description") or ref["ref"]
                    lines.append(f"- [{_cell(label)}]({ref['ref']})")
                lines.append("")
    lines += ["", "<!-- REUSE-IgnoreEnd -->"]
    return "\n".join(lines).rstrip("\n") + "\n"


def policy_doc(bundles: tuple[Path, ...] = (), *, builtin: bool = True, output: Path | None = None, check: bool = False) -> int:
    """Write (or, with ``check``, compare against ``output``) the catalogue page."""
    from dpgcheck.bundle.loader import load_policies
    from dpgcheck.output import write_output

    policy_set = load_policies(bundles, include_builtin=builtin)
    if not policy_set.catalog:
        raise DpgcheckError("no rule was loaded: give a bundle with --bundle or drop --no-builtin")
    profiles = policy_set.data.get("dpgcheck", {}).get("profiles", {})
    text = render(policy_set.catalog, profiles)
    if check:
        if output is None:
            raise DpgcheckError("--check needs -o FILE: the page to compare with")
        try:
            current = output.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        except (OSError, UnicodeDecodeError) as exc:
            raise DpgcheckError(f"cannot read the page: {exc}", path=str(output)) from None
        if current != text:
            import sys

            sys.stderr.write(f"{output}: out of date with the rules' METADATA; run `{REGENERATE}`\n")
            return EXIT_FINDINGS
        return EXIT_PASS
    write_output(text, output)
    return EXIT_PASS

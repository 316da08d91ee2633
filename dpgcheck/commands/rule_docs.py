"""dpgcheck policy doc --rules-dir: one documentation page per rule, generated from METADATA.

Every report links each rule to its page (SARIF ``helpUri``, the text report's ``docs:``
line, the Markdown and JUnit reports), so the page must exist and match the rule: the
repository's ``docs/rules/`` is this command's output, and a test fails when a page
is stale, missing or left over from a rule that is gone.

The examples on a page come from the rule's own ``_test.rego``: the test names and
the messages they assert, which the policy test suite checks on every engine.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from dpgcheck.errors import EXIT_FINDINGS, EXIT_PASS, DpgcheckError

REGENERATE = "dpgcheck policy doc --rules-dir docs/rules"
INDEX = "README.md"

_TEST = re.compile(r"^test_(?P<kind>fail|success)_(?P<name>\w+)\s+if\s*\{", re.MULTILINE)
_MESSAGE = re.compile(r'"message"\s*:\s*"(?P<text>(?:[^"\\\n]|\\.)*)"')


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _cell(text: Any) -> str:
    return _one_line(text).replace("|", "\\|")


def repository_path(source: str) -> str:
    """``dpgcheck/rules/x/y/rule.rego`` (a catalogue source) as a path in this repository."""
    label, _, relative = source.partition("/")
    return f"policies/{relative}" if label == "dpgcheck" else source


def examples_from_tests(test_source: str | None) -> list[tuple[str, str, str | None]]:
    """(``fail``/``success``, case name, asserted message or None) for each test of a rule."""
    if not test_source:
        return []
    matches = list(_TEST.finditer(test_source))
    examples = []
    for match, following in zip(matches, matches[1:] + [None]):
        block = test_source[match.end() : following.start() if following else len(test_source)]
        message = None
        if match.group("kind") == "fail":
            found = _MESSAGE.search(block)
            if found:
                try:
                    message = json.loads(f'"{found.group("text")}"')
                except json.JSONDecodeError:
                    message = found.group("text")
        examples.append((match.group("kind"), match.group("name").replace("_", " "), message))
    return examples


def _profile_severities(profiles: dict[str, Any], rule: dict[str, Any]) -> list[str]:
    changed = []
    for name in sorted(profiles):
        profile = profiles[name] if isinstance(profiles[name], dict) else {}
        level = (profile.get("severity") or {}).get(rule["id"])
        if level and level != rule["severity"]:
            changed.append(f"{name}: {level}")
    return changed


def render_page(rule: dict[str, Any], profiles: dict[str, Any], test_source: str | None, indicator_titles: dict[str, str] | None = None) -> str:
    """The Markdown page of one rule."""
    rule_id = rule["id"]
    source = repository_path(rule["source"])
    lines = [
        f"# `{rule_id}`: {_one_line(rule['title'])}",
        "",
        "<!-- Generated from the rule's METADATA and tests; do not edit by hand. -->",
        f"<!-- Regenerate with: {REGENERATE} -->",
        "<!-- REUSE-IgnoreStart -->",
        "",
        "| | |",
        "| --- | --- |",
        f"| Area | {rule['area']} |",
        f"| Severity | {rule['severity']} |",
    ]
    if rule.get("indicator"):
        title = (indicator_titles or {}).get(rule["indicator"], "")
        lines.append(f"| DPG Standard indicator | {rule['indicator']}" + (f" ({title})" if title else "") + " |")
    changed = _profile_severities(profiles, rule)
    if changed:
        lines.append(f"| Profile severity | {', '.join(changed)} |")
    if rule.get("profiles"):
        lines.append(f"| Profiles | {', '.join(rule['profiles'])} |")
    if rule.get("principle"):
        lines.append(f"| Principle | {_cell(rule['principle'])} |")
    if rule.get("effective_on"):
        lines.append(f"| Effective on | {rule['effective_on']} |")
    if "history" in rule.get("depends_on", []):
        lines.append("| Depends on | the git history (a note, not a failure, in `--staged` hook runs) |")
    lines += [f"| Rule source | [`{source}`](../../{source}) |", ""]
    lines += ["## What it checks", "", _one_line(rule["title"]) + ".", "", rule["description"], ""]
    why = []
    if rule.get("indicator"):
        indicator_title = (indicator_titles or {}).get(rule["indicator"])
        why.append(f"It encodes indicator {rule['indicator']} of the DPG Standard" + (f", *{indicator_title}*." if indicator_title else "."))
    if rule.get("principle"):
        why.append(f"It serves the principle of {_one_line(rule['principle']).replace('_', ' ')}.")
    if rule.get("references"):
        why.append("The requirement and its rationale come from the sources below.")
    if why:
        lines += ["## Why", "", " ".join(why), ""]
    if rule.get("references"):
        lines += ["## Sources", ""]
        for ref in rule["references"]:
            label = _one_line(ref.get("description") or ref["ref"])
            lines.append(f"- [{label}]({ref['ref']})")
        lines.append("")
    lines += ["## How to fix", "", rule["remediation"], ""]
    examples = examples_from_tests(test_source)
    if examples:
        test_path = source.removesuffix(".rego") + "_test.rego"
        lines += ["## Examples", "", f"From the rule's tests ([`{test_path}`](../../{test_path})), run on every engine:", ""]
        for kind, name, message in examples:
            if kind == "fail":
                lines.append(f"- Reported ({name})" + (f": \"{_one_line(message)}\"" if message else ""))
            else:
                lines.append(f"- Not reported ({name})")
        lines.append("")
    commands = [
        (f"dpgcheck check --disable {rule_id}", "switch the rule off"),
        (f"dpgcheck check --severity {rule_id}=warning", "change its severity (error, warning, info, off)"),
        ("dpgcheck policy list --profile NAME", "the rules a profile selects, at its severities"),
    ]
    width = max(len(command) for command, _ in commands)
    lines += ["## Configuration", "", "```sh"]
    lines += [f"{command:<{width}}  # {comment}" for command, comment in commands]
    lines += ["```", "", "<!-- REUSE-IgnoreEnd -->"]
    return "\n".join(lines) + "\n"


def render_index(catalog: dict[str, dict[str, Any]]) -> str:
    lines = [
        "# Rule pages",
        "",
        "<!-- Generated from the rules' METADATA; do not edit by hand. -->",
        f"<!-- Regenerate with: {REGENERATE} -->",
        "",
        f"One page per rule ({len(catalog)} rules). The whole catalogue on one page: [../policies.md](../policies.md).",
        "",
        "| Rule | Area | Severity | Title |",
        "| --- | --- | --- | --- |",
    ]
    for rule_id in sorted(catalog):
        rule = catalog[rule_id]
        lines.append(f"| [`{rule_id}`]({rule_id}.md) | {rule['area']} | {rule['severity']} | {_cell(rule['title'])} |")
    return "\n".join(lines) + "\n"


def render_pages(
    catalog: dict[str, dict[str, Any]], profiles: dict[str, Any], test_modules: dict[str, str], indicator_titles: dict[str, str] | None = None
) -> dict[str, str]:
    """File name (in the rules directory) to page text, the index included.

    ``indicator_titles`` come from the bundles' data (``data.dpgcheck.titles.indicators``).
    """
    pages = {INDEX: render_index(catalog)}
    for rule_id, rule in catalog.items():
        test_source = test_modules.get(rule["source"].removesuffix(".rego") + "_test.rego")
        pages[f"{rule_id}.md"] = render_page(rule, profiles, test_source, indicator_titles)
    return pages


def stale_pages(directory: Path, pages: dict[str, str]) -> list[str]:
    """Names of pages that are missing, differ, or have no rule any more."""
    problems = []
    for name, text in sorted(pages.items()):
        target = directory / name
        try:
            current = target.read_text(encoding="utf-8")
        except FileNotFoundError:
            problems.append(f"{name} (missing)")
            continue
        except (OSError, UnicodeDecodeError) as exc:
            raise DpgcheckError(f"cannot read the page: {exc}", path=str(target)) from None
        if current != text:
            problems.append(f"{name} (out of date)")
    if directory.is_dir():
        problems += [f"{p.name} (no such rule)" for p in sorted(directory.glob("*.md")) if p.name not in pages]
    return problems


def rule_docs(bundles: tuple[Path, ...] = (), *, builtin: bool = True, directory: Path, check: bool = False) -> int:
    """Write (or, with ``check``, compare) one page per rule in ``directory``."""
    import sys

    from dpgcheck.bundle.loader import load_policies

    policy_set = load_policies(bundles, include_builtin=builtin)
    if not policy_set.catalog:
        raise DpgcheckError("no rule was loaded: give a bundle with --bundle or drop --no-builtin")
    profiles = policy_set.data.get("dpgcheck", {}).get("profiles", {})
    titles = policy_set.data.get("dpgcheck", {}).get("titles", {}).get("indicators", {})
    pages = render_pages(policy_set.catalog, profiles, policy_set.test_modules, titles)
    if check:
        problems = stale_pages(directory, pages)
        if problems:
            sys.stderr.write(f"{directory}: {len(problems)} rule page(s) out of date: {', '.join(problems)}; run `{REGENERATE}`\n")
            return EXIT_FINDINGS
        return EXIT_PASS
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob("*.md"):
            if stale.name not in pages:
                stale.unlink()
        for name, text in pages.items():
            (directory / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise DpgcheckError(f"cannot write the rule pages: {exc.strerror or exc}; give --rules-dir a writable directory", path=str(directory)) from None
    sys.stdout.write(f"wrote {len(pages) - 1} rule pages and {INDEX} to {directory}\n")
    return EXIT_PASS

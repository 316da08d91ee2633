"""Shell completion: profile names, rule ids and selectors from the loaded policies.

``dpgcheck completion bash|zsh|fish`` prints the script; the script asks dpgcheck
itself (through click's ``_DPGCHECK_COMPLETE`` protocol) for candidates. The
candidates come from the same bundles the command would load (``--bundle``,
``--no-builtin`` typed so far), so a government bundle's profiles complete too.
"""
from __future__ import annotations

from typing import Any

import click
from click.shell_completion import CompletionItem

from dpgcheck.vocabulary import SEVERITY_OVERRIDES as LEVELS

SHELLS = ("bash", "zsh", "fish")


def _policies(ctx: click.Context) -> Any:
    from dpgcheck.bundle.loader import load_policies

    params = ctx.params
    return load_policies(tuple(params.get("bundles") or ()), include_builtin=not params.get("no_builtin"))


def complete_profiles(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    try:
        profiles = _policies(ctx).data.get("dpgcheck", {}).get("profiles", {})
    except Exception:  # noqa: BLE001 - a completion must never print a traceback into the shell
        return []
    return [
        CompletionItem(name, help=str((profiles[name] or {}).get("title", "")) if isinstance(profiles[name], dict) else None)
        for name in sorted(profiles)
        if name.startswith(incomplete)
    ]


def _rule_items(ctx: click.Context) -> list[tuple[str, str]]:
    catalog = _policies(ctx).catalog
    return [(rule_id, catalog[rule_id]["title"]) for rule_id in sorted(catalog)]


def complete_selectors(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Rule ids, then ``area:``, ``indicator:`` and ``profile:`` selectors (as --disable takes them)."""
    try:
        policy_set = _policies(ctx)
    except Exception:  # noqa: BLE001
        return []
    catalog = policy_set.catalog
    items = [(rule_id, catalog[rule_id]["title"]) for rule_id in sorted(catalog)]
    items += [(f"area:{area}", "every rule of this area") for area in sorted({r["area"] for r in catalog.values()})]
    items += [(f"indicator:{i}", "every rule of this DPG indicator") for i in sorted({r["indicator"] for r in catalog.values() if r.get("indicator")})]
    items += [(f"profile:{p}", "every rule of this profile") for p in sorted(policy_set.data.get("dpgcheck", {}).get("profiles", {}))]
    return [CompletionItem(value, help=title) for value, title in items if value.startswith(incomplete)]


def complete_severity(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """``RULE=`` first, then the levels once the rule is typed."""
    if "=" in incomplete:
        rule_id, _, level = incomplete.partition("=")
        return [CompletionItem(f"{rule_id}={lvl}") for lvl in LEVELS if lvl.startswith(level)]
    try:
        items = _rule_items(ctx)
    except Exception:  # noqa: BLE001
        return []
    return [CompletionItem(f"{rule_id}=", help=title) for rule_id, title in items if rule_id.startswith(incomplete)]


def script(cli: click.Command, shell: str) -> str:
    from click.shell_completion import get_completion_class

    completion_class = get_completion_class(shell)
    if completion_class is None:  # pragma: no cover - click ships all three
        raise click.UsageError(f"no completion for {shell}")
    return completion_class(cli, {}, "dpgcheck", "_DPGCHECK_COMPLETE").source()

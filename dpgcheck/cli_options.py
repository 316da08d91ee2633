"""Options and option parsers shared by the commands of :mod:`dpgcheck.cli` and :mod:`dpgcheck.batch.cli`."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dpgcheck.errors import DpgcheckError
from dpgcheck.vocabulary import ENGINES, FAIL_ON_LEVELS, FORMATS, SEVERITY_OVERRIDES

if TYPE_CHECKING:
    from dpgcheck.collect.options import CollectOptions

ENGINE_CHOICE = click.Choice(list(ENGINES))
FORMAT_CHOICE = click.Choice(list(FORMATS))
FAIL_ON_CHOICE = click.Choice(list(FAIL_ON_LEVELS))
PathType = click.Path(path_type=Path)


def _parse_severity(values: tuple[str, ...]) -> dict[str, str]:
    parsed = {}
    for value in values:
        rule_id, sep, level = value.partition("=")
        if not sep or level not in SEVERITY_OVERRIDES:
            raise DpgcheckError(f"--severity {value!r}: write RULE-ID=error|warning|info|off")
        parsed[rule_id] = level
    return parsed


def _evaluation_clock(value: str | None) -> str:
    from datetime import datetime, timezone

    if value is None:
        return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise DpgcheckError(f"--now {value!r} is not an RFC 3339 time; write e.g. 2026-01-31T00:00:00Z") from None
    if parsed.tzinfo is None:
        raise DpgcheckError(f"--now {value!r} has no time zone; add Z or an offset such as +00:00")
    try:
        return parsed.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    except OverflowError:  # e.g. 0001-01-01T00:00:00+14:00 is before year 1 in UTC
        raise DpgcheckError(f"--now {value!r} is outside the years 1 to 9999 once converted to UTC") from None


def _collect_options(
    sbom: tuple[Path, ...], affiliations: Path | None, network: bool, history_max_commits: int | None, staged: bool = False,
    refuse_outside_git: bool = False,
) -> "CollectOptions":
    from dpgcheck.collect.options import CollectOptions

    return CollectOptions(
        sbom_paths=sbom, affiliations_path=affiliations, network=network, history_max_commits=history_max_commits,
        staged=staged,
        refuse_outside_git=refuse_outside_git,
    )


collect_flags = [
    click.option("--record", type=PathType, help="Judge a DPG registry nominee record (JSON) instead of a repository."),
    click.option("--screening", type=PathType, help="The screening record that goes with --record."),
    click.option("--sbom", type=click.Path(exists=True, dir_okay=False, path_type=Path), multiple=True, help="An SPDX document to read besides those found in the repository (repeatable)."),
    click.option("--affiliations", type=PathType, help="YAML/JSON map of contributor e-mail or domain to organisation."),
    click.option("--network", is_flag=True, help="Allow network checks (URL reachability). Off by default."),
    click.option("--history-max-commits", type=click.IntRange(min=1), help="Read at most this many commits of git history (default 50,000)."),
    click.option("--staged", is_flag=True, help="Read the git index (what the next commit holds), not the working tree: the pre-commit hook mode."),
    click.option("--refuse-outside-git", is_flag=True, help="Exit 2 when .git (a gitdir: file or a link) points at a repository outside PATH, instead of reading its history."),
]


budget_flags = [
    click.option("--eval-timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True, envvar="DPGCHECK_EVAL_TIMEOUT",
                 help="Seconds a policy evaluation (or one Rego test) may run before it is stopped (regorus engine)."),
    click.option("--eval-memory", type=click.IntRange(min=16), default=1024, show_default=True, envvar="DPGCHECK_EVAL_MEMORY",
                 help="MiB of memory a policy evaluation (or one Rego test) may add before it is stopped (regorus engine)."),
]


def with_budget_flags(function: Callable[..., Any]) -> Callable[..., Any]:
    for flag in reversed(budget_flags):
        function = flag(function)
    return function


def _budget(seconds: float, memory_mb: int) -> Any:
    from dpgcheck.engine.budget import Budget

    return Budget(seconds=seconds, memory_mb=memory_mb)


def with_collect_flags(function: Callable[..., Any]) -> Callable[..., Any]:
    for flag in reversed(collect_flags):
        function = flag(function)
    return function

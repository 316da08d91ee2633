"""One target in, one result line out: what every worker process (local or Dask) runs.

The policies are loaded (through the policy-set cache, as ``dpgcheck check`` loads
them) and the engine built once per process and per batch configuration, then reused
for every target. A repository is judged as ``dpgcheck check`` judges it: its own
``.dpgcheck.yaml`` gives the profile and fail-on level the batch leaves unset and its
waivers, and the evaluation keeps the same time and memory budget (an engine child, see
:func:`_engine`), on the local executor and on Dask alike. The policies are the batch's, for every
target: a repository's ``.dpgcheck.yaml`` cannot choose the bundles it is judged by.
The line is a projection of the engine's decision (no verdict is made here) plus what
it was made from.
"""
from __future__ import annotations

import dataclasses
import json
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from dpgcheck import FACTS_VERSION, __version__
from dpgcheck.batch.targets import Target
from dpgcheck.collect.options import CollectOptions
from dpgcheck.engine.budget import Budget
from dpgcheck.errors import DpgcheckError
from dpgcheck.evaluate import RunOptions
from dpgcheck.shapes import Decision

LINE_VERSION = "1"
#: Kept of each rule in a result line: enough for the reports, without the catalogue's prose.
RULE_FIELDS = ("status", "severity", "blocking", "area", "indicator", "title")


@dataclass(frozen=True)
class BatchConfig:
    """What applies to the whole batch (and is recorded in every line)."""

    run: RunOptions
    collect: CollectOptions = field(default_factory=CollectOptions)
    bundles: tuple[str, ...] = ()
    builtin: bool = True
    engine: str = "regorus"
    cache_dir: str | None = None
    depth: int = 0
    timeout: float = 600.0
    #: The evaluation's time and memory budget, as `dpgcheck check` keeps it (None: unbounded).
    budget: Budget | None = field(default_factory=Budget)

    def key(self) -> str:
        return json.dumps([self.bundles, self.builtin, self.engine], sort_keys=True)


class TargetTimeout(BaseException):
    """Not an Exception: no collector's broad ``except Exception`` may swallow it."""


@dataclass(frozen=True)
class Prepared:
    """What one batch configuration's policies give every target of this process."""

    engine: Any
    revision: str
    sources: list[str]
    catalog: dict[str, dict[str, Any]]
    policy_set: Any = None


_loaded: dict[str, Prepared] = {}
#: How many times this process loaded policies (one per batch configuration; the tests check it).
policy_loads = 0


def prepare(config: BatchConfig) -> Prepared:
    """The engine, bundle revision, bundle sources and rule catalogue for CONFIG, built on first use in this process."""
    global policy_loads
    key = config.key()
    if key not in _loaded:
        policy_loads += 1
        from dpgcheck.bundle.cache import cached_policies

        policy_set = cached_policies(tuple(Path(b) for b in config.bundles), include_builtin=config.builtin)
        from dpgcheck.engine.factory import open_engine

        engine = open_engine(config.engine, policy_set)
        # The engine's one-off preparation, here: the local pool forks its workers (and each
        # worker its evaluation child) from this process, and they inherit a prepared engine.
        from dpgcheck.engine.evaluator_process import WARM_UP_QUERY

        engine.query(WARM_UP_QUERY)
        # The revision is a digest of every module and the data: worked out once here, not per target.
        policy_set = dataclasses.replace(policy_set, known_revision=policy_set.revision)
        _loaded[key] = Prepared(engine, policy_set.revision, list(policy_set.sources), policy_set.catalog, policy_set)
    return _loaded[key]


def _engine(config: BatchConfig, prepared: Prepared, budget: Budget | None) -> Any:
    """The engine that judges a target.

    With a budget, on regorus: an engine child kept per thread, policy set and budget
    (dpgcheck.engine.shared.shared_evaluator) that evaluates target after target under the
    budget, started at the thread's first target and again after one broke the budget; a
    watchdog fork per target cost about a quarter of a small target's time. A local worker
    forks it from the engine it prepared; a Dask worker's task thread, beside the worker's
    other threads, spawns it. A Dask worker outlives its batches: a later batch with another
    budget gets a child of its own. Without a budget, or on OPA's Go engine, the prepared engine.
    """
    if budget is None or config.engine != "regorus":
        return prepared.engine
    from dpgcheck.engine.shared import shared_evaluator

    return shared_evaluator(prepared.policy_set, budget, engine=prepared.engine)


def release() -> None:
    """End this thread's evaluation children (a worker's last act): each is waited for, so its
    time counts in the worker's and none outlives the batch."""
    from dpgcheck.engine.shared import close_evaluators

    close_evaluators()


def dumps(line: dict[str, Any]) -> str:
    """The one serialisation of a result line: sorted keys, no spaces, UTF-8, no newline inside.

    A name that is not valid UTF-8 (a file name's raw bytes) makes the whole line ASCII,
    with JSON escapes, so the file stays valid UTF-8.
    """
    text = json.dumps(line, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(line, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return text


def base_line(target: Target, config: BatchConfig, status: str, run: RunOptions | None = None) -> dict[str, Any]:
    run = run or config.run
    return {
        "line_version": LINE_VERSION,
        "tool": f"dpgcheck {__version__}",
        "target": target.id,
        "kind": target.kind,
        "status": status,
        "clock": run.now,
        "profile": run.profile,
        #: What was applied (profile, clock, disabled rules, severities; the repository's fail-on and waivers).
        "options": run.as_input(),
        "bundles": None,
        "bundle_revision": None,
        "facts_version": None,
        "facts_hash": None,
        "commit": None,
        "decision": None,
        "error": None,
    }


def error_line(target: Target, config: BatchConfig, status: str, message: str) -> str:
    line = base_line(target, config, status)
    line["error"] = message
    return dumps(line)


def compact_decision(decision: Decision) -> dict[str, Any]:
    rules = {
        rule_id: {name: rule.get(name) for name in RULE_FIELDS}
        for rule_id, rule in sorted((decision.get("rules") or {}).items())
    }
    return {
        "verdict": decision.get("verdict"),
        "profile": decision.get("profile"),
        "fail_on": decision.get("fail_on"),
        "errors": decision.get("errors", []),
        "summary": decision.get("summary"),
        "indicators": decision.get("indicators", {}),
        # The titles (bundle data) of the indicators this decision has, for the batch reports.
        "titles": {"indicators": {
            key: title for key, title in ((decision.get("titles") or {}).get("indicators") or {}).items()
            if key in (decision.get("indicators") or {})
        }},
        "rules": rules,
        "findings": decision.get("findings", []),
    }


def _repository(target: Target, config: BatchConfig) -> Path | None:
    """The checkout a path or URL target is judged from (a URL is cloned or updated first); None for a record."""
    if target.kind == "record":
        return None
    if target.kind == "url":
        from dpgcheck.batch.urls import checkout

        if config.cache_dir is None:
            raise DpgcheckError("git URLs need --cache-dir DIR to clone into")
        return checkout(target.id, Path(config.cache_dir), depth=config.depth, timeout=config.timeout)
    return Path(target.path or target.id)


def run_options(config: BatchConfig, repository: Path | None) -> RunOptions:
    """The batch's options with what the repository's .dpgcheck.yaml adds, as `dpgcheck check` applies it.

    The batch's --profile wins over the file's; the file's fail_on and waivers apply. Its
    bundles, verification keys and report format do not: the batch chose those for all.
    """
    if repository is None:
        return config.run
    import dataclasses

    from dpgcheck.repo_config import load_repo_config

    found = load_repo_config(repository)
    if found.path is None:
        return config.run
    return dataclasses.replace(
        config.run,
        profile=config.run.profile or found.profile,
        fail_on=config.run.fail_on or found.fail_on,
        waivers=found.waivers,
    )


def _with_history_windows(config: BatchConfig, prepared: Prepared) -> BatchConfig:
    """The collector counts the history windows the loaded bundles name (see dpgcheck.bundle.windows)."""
    if config.collect.history_windows is not None or prepared.policy_set is None:
        return config
    import dataclasses

    from dpgcheck.bundle.windows import window_days

    days = window_days(prepared.policy_set.data, config.run.thresholds)
    return dataclasses.replace(config, collect=dataclasses.replace(config.collect, history_windows=days))


def _facts(target: Target, config: BatchConfig, repository: Path | None) -> dict[str, Any]:
    if repository is None:
        from dpgcheck.collect.record import collect_record

        return collect_record(Path(target.path or ""), Path(target.screening) if target.screening else None)
    from dpgcheck.collect.facts import collect_repository

    # Serially, in this thread: the batch runs one process per core already, and the
    # --timeout alarm (a signal to this thread) then interrupts the very git command
    # it waits for, which subprocess kills; collector threads blocked on git would
    # outlive the target.
    return collect_repository(repository, config.collect, concurrent=False)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """A timeout that interrupts Python code and the git commands it waits for (main thread only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer") or seconds <= 0:
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TargetTimeout()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timeout_message(seconds: float) -> str:
    return f"gave no result within the {seconds:g} s timeout (--timeout)"


def audit(target: Target, config: BatchConfig) -> str:
    """The result line of TARGET. Never raises: every failure is an error row."""
    from dpgcheck.collect.facts import facts_digest
    from dpgcheck.evaluate import decide

    if target.kind == "invalid":
        return error_line(target, config, "error", target.problem or "invalid target")
    try:
        prepared = prepare(config)
    except DpgcheckError as exc:
        return error_line(target, config, "error", f"cannot load the policies: {exc}")
    try:
        with _alarm(config.timeout):
            repository = _repository(target, config)
            run = run_options(config, repository)
            facts = _facts(target, _with_history_windows(config, prepared), repository)
            decision = decide(_engine(config, prepared, config.budget), facts, run, config.budget, prepared.catalog)
    except TargetTimeout:
        return error_line(target, config, "timeout", timeout_message(config.timeout))
    except DpgcheckError as exc:
        return error_line(target, config, "error", str(exc))
    except RecursionError:
        return error_line(target, config, "error", "internal error: RecursionError")
    except Exception as exc:  # noqa: BLE001 - one target's bug is that target's error row, never the batch's end
        return error_line(target, config, "error", f"internal error: {type(exc).__name__}: {str(exc)[:300]}")
    line = base_line(target, config, "ok" if decision.get("verdict") != "error" else "error", run)
    repository_facts = facts.get("repository") or {}
    line.update(
        bundle_revision=prepared.revision,
        bundles=prepared.sources,
        facts_version=facts.get("facts_version", FACTS_VERSION),
        facts_hash=facts_digest(facts),
        commit=((repository_facts.get("git") or {}).get("commit")) if isinstance(repository_facts, dict) else None,
        profile=decision.get("profile"),
        decision=compact_decision(decision),
    )
    if decision.get("verdict") == "error":
        line["error"] = "; ".join(decision.get("errors", [])) or "the policies answered with an error"
    return dumps(line)


def audit_timed(target: Target, config: BatchConfig) -> tuple[str, float]:
    started = time.perf_counter()
    return audit(target, config), time.perf_counter() - started

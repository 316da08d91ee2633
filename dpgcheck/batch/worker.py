"""One target in, one result line out: what every worker process (local or Dask) runs.

The policies are loaded and the engine built once per process and per batch
configuration, then reused for every target. The line is a projection of the
engine's decision (no verdict is made here) plus what it was made from.
"""
from __future__ import annotations

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
from dpgcheck.errors import DpgcheckError
from dpgcheck.evaluate import RunOptions

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

    def key(self) -> str:
        return json.dumps([self.bundles, self.builtin, self.engine], sort_keys=True)


class TargetTimeout(BaseException):
    """Not an Exception: no collector's broad ``except Exception`` may swallow it."""


_loaded: dict[str, tuple[Any, str, list[str]]] = {}
#: How many times this process loaded policies (one per batch configuration; the tests check it).
policy_loads = 0


def prepare(config: BatchConfig) -> tuple[Any, str, list[str]]:
    """The engine, bundle revision and bundle sources for CONFIG, built on first use in this process."""
    global policy_loads
    key = config.key()
    if key not in _loaded:
        policy_loads += 1
        from dpgcheck.bundle.loader import load_policies
        from dpgcheck.engine.factory import open_engine

        policy_set = load_policies(tuple(Path(b) for b in config.bundles), include_builtin=config.builtin)
        _loaded[key] = (open_engine(config.engine, policy_set), policy_set.revision, list(policy_set.sources))
    return _loaded[key]


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


def base_line(target: Target, config: BatchConfig, status: str) -> dict[str, Any]:
    return {
        "line_version": LINE_VERSION,
        "tool": f"dpgcheck {__version__}",
        "target": target.id,
        "kind": target.kind,
        "status": status,
        "clock": config.run.now,
        "profile": config.run.profile,
        #: What the batch was asked to apply (profile, clock, disabled rules, severities).
        "options": config.run.as_input(),
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


def compact_decision(decision: dict[str, Any]) -> dict[str, Any]:
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
        "rules": rules,
        "findings": decision.get("findings", []),
    }


def _facts(target: Target, config: BatchConfig) -> dict[str, Any]:
    if target.kind == "record":
        from dpgcheck.collect.record import collect_record

        return collect_record(Path(target.path or ""), Path(target.screening) if target.screening else None)
    from dpgcheck.collect.facts import collect_repository

    if target.kind == "url":
        from dpgcheck.batch.urls import checkout

        if config.cache_dir is None:
            raise DpgcheckError("git URLs need --cache-dir DIR to clone into")
        path = checkout(target.id, Path(config.cache_dir), depth=config.depth, timeout=config.timeout)
    else:
        path = Path(target.path or target.id)
    return collect_repository(path, config.collect)


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
        engine, revision, sources = prepare(config)
    except DpgcheckError as exc:
        return error_line(target, config, "error", f"cannot load the policies: {exc}")
    try:
        with _alarm(config.timeout):
            facts = _facts(target, config)
            decision = decide(engine, facts, config.run)
    except TargetTimeout:
        return error_line(target, config, "timeout", timeout_message(config.timeout))
    except DpgcheckError as exc:
        return error_line(target, config, "error", str(exc))
    except RecursionError:
        return error_line(target, config, "error", "internal error: RecursionError")
    except Exception as exc:  # noqa: BLE001 - one target's bug is that target's error row, never the batch's end
        return error_line(target, config, "error", f"internal error: {type(exc).__name__}: {str(exc)[:300]}")
    line = base_line(target, config, "ok" if decision.get("verdict") != "error" else "error")
    repository = facts.get("repository") or {}
    line.update(
        bundle_revision=revision,
        bundles=sources,
        facts_version=facts.get("facts_version", FACTS_VERSION),
        facts_hash=facts_digest(facts),
        commit=((repository.get("git") or {}).get("commit")) if isinstance(repository, dict) else None,
        profile=decision.get("profile"),
        decision=compact_decision(decision),
    )
    if decision.get("verdict") == "error":
        line["error"] = "; ".join(decision.get("errors", [])) or "the policies answered with an error"
    return dumps(line)


def audit_timed(target: Target, config: BatchConfig) -> tuple[str, float]:
    started = time.perf_counter()
    return audit(target, config), time.perf_counter() - started

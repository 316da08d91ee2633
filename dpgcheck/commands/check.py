"""dpgcheck check: collect facts, evaluate them, render the report, exit with the verdict."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpgcheck.bundle.loader import Verification
from dpgcheck.collect.options import CollectOptions
from dpgcheck.engine.budget import Budget
from dpgcheck.engine.opa_options import OpaServerOptions
from dpgcheck.errors import EXIT_FINDINGS, EXIT_PASS, DpgcheckError
from dpgcheck.evaluate import RunOptions
from dpgcheck.output import write_output
from dpgcheck.shapes import Evaluation, Report
from dpgcheck.vocabulary import FORMATS

if TYPE_CHECKING:
    from datetime import datetime


@dataclass(frozen=True)
class CheckRequest:
    """Everything `dpgcheck check` was asked to do, as the command line or a program gives it."""

    path: Path | None
    record: Path | None
    screening: Path | None
    facts_file: Path | None
    engine: str
    output_format: str | None
    output: Path | None
    bundles: tuple[Path | str, ...]
    builtin: bool
    run: RunOptions
    collect: CollectOptions
    opa: OpaServerOptions
    color: bool = False
    width: int = 100
    quiet: bool = False
    #: Time and memory budget of the evaluation (None: unbounded); see dpgcheck.engine.budget.
    budget: Budget | None = None
    verification: Verification | None = None
    remote: Any = None  # bundle.remote.RemoteOptions for HTTPS bundle URLs


def with_history_windows(request: CheckRequest, data: dict[str, Any] | None = None) -> CheckRequest:
    """Tell the collector which history windows to count: those the bundles' data names.

    From ``data`` (a loaded policy set's) when given, else from the bundles' config and
    profile data files alone (cheap: the engine child compiles the policies meanwhile).
    """
    if request.facts_file is not None or request.record is not None or request.collect.history_windows is not None:
        return request
    import dataclasses

    from dpgcheck.bundle.windows import bundle_window_days, window_days
    from dpgcheck.timing import timed

    thresholds = request.run.thresholds
    with timed("history windows from the bundles' data"):
        days = window_days(data, thresholds) if data is not None else bundle_window_days(request.bundles, include_builtin=request.builtin, thresholds=thresholds)
    return dataclasses.replace(request, collect=dataclasses.replace(request.collect, history_windows=days))


def gather_facts(request: CheckRequest) -> dict[str, Any]:
    if request.facts_file is not None:
        return read_facts_file(request.facts_file)
    if request.record is not None:
        from dpgcheck.collect.record import collect_record

        return collect_record(request.record, request.screening)
    if request.screening is not None:
        raise DpgcheckError("--screening needs --record NOMINEE.json as well")
    from dpgcheck.collect.facts import collect_repository

    return collect_repository(request.path or Path("."), request.collect)


#: A facts document of a very large repository is a few megabytes.
MAX_FACTS_BYTES = 32 * 1024 * 1024


def read_facts_file(path: Path) -> dict[str, Any]:
    from dpgcheck.untrusted import Refused, decode_utf8, parse_json, read_regular

    try:
        data = read_regular(path, max_bytes=MAX_FACTS_BYTES)
    except Refused as exc:
        if exc.message == "no such file":
            raise DpgcheckError("no such facts file; write one with `dpgcheck facts PATH > facts.json`", path=str(path)) from None
        raise DpgcheckError(f"facts file {exc.message}; give --facts a regular file written by `dpgcheck facts PATH -o FILE`", path=str(path)) from None
    try:
        facts = parse_json(decode_utf8(data))
    except Refused as exc:
        raise DpgcheckError(f"facts file {exc.message}; write it again with `dpgcheck facts PATH -o FILE`", path=str(path)) from None
    if not isinstance(facts, dict) or "facts_version" not in facts:
        raise DpgcheckError("not a dpgcheck facts document (no facts_version); write one with `dpgcheck facts PATH -o FILE`", path=str(path))
    validate_facts(facts, str(path))
    return facts


def validate_facts(facts: dict[str, Any], where: str) -> None:
    """A saved or hand-made facts document must match the schema: missing facts never pass."""
    import jsonschema

    from dpgcheck.schemas import facts_validator

    error = jsonschema.exceptions.best_match(facts_validator().iter_errors(facts))
    if error is not None:
        location = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        raise DpgcheckError(f"not a valid facts document at {location}: {error.message[:200]}", path=where)


def with_repo_config(request: CheckRequest) -> CheckRequest:
    """Fill what the command line left unset from the repository's .dpgcheck.yaml."""
    import dataclasses

    from dpgcheck.repo_config import load_repo_config

    if request.path is None and (request.record is not None or request.facts_file is not None):
        return request
    config = load_repo_config(request.path or Path("."))
    if config.path is None:
        return request
    if config.format is not None and config.format not in FORMATS:
        raise DpgcheckError(f"format {config.format!r} is not a report format", path=str(config.path))
    verification = request.verification or Verification()
    run = dataclasses.replace(
        request.run,
        profile=request.run.profile or config.profile,
        fail_on=request.run.fail_on or config.fail_on,
        waivers=config.waivers,
    )
    return dataclasses.replace(
        request,
        output_format=request.output_format or config.format,
        bundles=request.bundles or config.bundles,
        verification=Verification(keys=verification.keys or config.verification_keys, required=verification.required or config.require_signature),
        run=run,
    )


#: The report formats that show the Scorecard-shaped view; a run in any other asks the
#: policies not to compute it (RunOptions.scorecard).
SCORECARD_FORMATS = frozenset({"json"})


def run_options(request: CheckRequest) -> RunOptions:
    """The run's options for the policies: the request's, without the Scorecard view its report would not show."""
    if (request.output_format or "text") in SCORECARD_FORMATS:
        return request.run
    import dataclasses

    return dataclasses.replace(request.run, scorecard=False)


def check(request: CheckRequest) -> int:
    from dpgcheck.timing import timed

    request = with_repo_config(request)
    started = _utc_now()
    with timed("collect facts and open the engine"):
        facts, policy_set, engine = _facts_and_engine(request)
    try:
        from dpgcheck.evaluate import decide

        with timed("evaluate"):
            decision = decide(engine, facts, run_options(request), request.budget, policy_set.catalog)
    finally:
        engine.close()
    if decision["verdict"] == "error":
        raise DpgcheckError("; ".join(decision["errors"]))
    with timed("render"):
        from dpgcheck.report import renderer
        from dpgcheck.report.artifacts import locate
        from dpgcheck.report.model import build_report

        finished = _utc_now()
        evaluation: Evaluation = {
            "clock": request.run.now,
            "started_at": _rfc3339(started),
            "finished_at": _rfc3339(finished),
            "duration_seconds": round((finished - started).total_seconds(), 3),
        }
        report = build_report(
            decision, facts, policy_revision=policy_set.revision, bundles=policy_set.sources, engine=engine.name,
            evaluation=evaluation, artifacts=locate(facts, decision["findings"]),
        )
        output_format = request.output_format or "text"  # .dpgcheck.yaml's format is already applied
        if output_format == "text":
            from dpgcheck.report.text import render as render_text

            text = render_text(report, color=request.color and request.output is None, width=request.width)
        else:
            text = renderer(output_format)(report)
        if request.output is not None or not request.quiet:
            write_output(text, request.output)
        if output_format == "github":
            write_step_summary(report)
    return EXIT_FINDINGS if decision["verdict"] == "fail" else EXIT_PASS


def _utc_now() -> "datetime":
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def _rfc3339(moment: "datetime") -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def write_step_summary(report: Report) -> None:
    """In a GitHub Actions job, append the Markdown report to the job summary ($GITHUB_STEP_SUMMARY)."""
    import os

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from dpgcheck.report.markdown import render as render_markdown

    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(render_markdown(report) + "\n")
    except OSError as exc:
        raise DpgcheckError(
            f"cannot append the job summary: {exc.strerror or exc}; unset GITHUB_STEP_SUMMARY or fix its path", path=target
        ) from None


def _facts_and_engine(request: CheckRequest) -> tuple[dict[str, Any], Any, Any]:
    """Collect the facts in a thread while this one loads the policies and opens the engine.

    The collectors mostly wait on git and the disk, the engine set-up is CPU work: side by
    side they take about as long as the longer of the two. A collection error is reported
    before a policy error, as when they ran one after the other.
    """
    from dpgcheck.bundle.cache import cached_policies
    from dpgcheck.timing import timed

    def load() -> Any:
        with timed("load policies"):
            return cached_policies(request.bundles, include_builtin=request.builtin, verification=request.verification, remote=request.remote)

    verification = request.verification
    if (verification is not None and (verification.keys or verification.required)) or any(isinstance(b, str) for b in request.bundles):
        # Bundles to verify or fetch come first: one refused stops the run before any other work.
        from dpgcheck.engine.evaluator_process import discard_early

        discard_early()
        policy_set = load()
        facts = gather_facts(with_history_windows(request, policy_set.data))
        with timed("open engine"):
            return facts, policy_set, _open_in_process(request, policy_set)
    if request.engine == "regorus" and request.budget is not None:
        from dpgcheck.engine.evaluator_process import EvaluatorProcess, adopt_early
        from dpgcheck.forking import can_fork

        evaluator = adopt_early(bundles=request.bundles, builtin=request.builtin, budget=request.budget)
        if evaluator is None and can_fork():
            evaluator = EvaluatorProcess(load, request.budget)
        if evaluator is not None:
            # The engine gets ready in a child on the other core while this process collects.
            try:
                # The windows from the bundles' data files, read after the fork: the child is compiling meanwhile.
                facts = gather_facts(with_history_windows(request))  # a collection error is reported before a policy error
                return facts, evaluator.policy_set(), evaluator
            except BaseException:
                evaluator.close()
                raise
    from concurrent.futures import ThreadPoolExecutor

    from dpgcheck.engine.evaluator_process import discard_early

    discard_early()  # another engine, or no budget: the early child is not this run's

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="dpgcheck-facts") as pool:
        gathered = pool.submit(lambda: gather_facts(with_history_windows(request)))
        engine = None
        try:
            policy_set = load()
            with timed("open engine"):
                engine = _open_in_process(request, policy_set)
        except BaseException:
            gathered.result()  # a collection error wins; else the policy error below
            raise
        try:
            facts = gathered.result()
        except BaseException:
            engine.close()
            raise
    return facts, policy_set, engine


def _open_in_process(request: CheckRequest, policy_set: Any) -> Any:
    """The engine for a run in this process: an embedded one is kept open for the next run, and a
    budgeted run on regorus borrows a kept engine child that keeps the budget (see dpgcheck.engine.shared)."""
    from dpgcheck.engine.shared import SHAREABLE, shared_engine, shared_evaluator

    if request.engine == "regorus" and request.budget is not None:
        from dpgcheck.engine.budget import available

        if available():
            return shared_evaluator(policy_set, request.budget)
    if request.engine in SHAREABLE:
        return shared_engine(request.engine, policy_set)
    from dpgcheck.engine.factory import open_engine

    return open_engine(request.engine, policy_set, opa=request.opa)

"""dpgcheck check: collect facts, evaluate them, render the report, exit with the verdict."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dpgcheck.bundle.loader import Verification
from dpgcheck.collect.options import CollectOptions
from dpgcheck.engine.factory import OpaServerOptions
from dpgcheck.errors import EXIT_FINDINGS, EXIT_PASS, DpgcheckError
from dpgcheck.evaluate import RunOptions


@dataclass(frozen=True)
class CheckRequest:
    path: Path | None
    record: Path | None
    screening: Path | None
    facts_file: Path | None
    engine: str
    output_format: str
    output: Path | None
    bundles: tuple[Path | str, ...]
    builtin: bool
    run: RunOptions
    collect: CollectOptions
    opa: OpaServerOptions
    verification: Verification | None = None
    remote: Any = None  # bundle.remote.RemoteOptions for HTTPS bundle URLs


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


def read_facts_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DpgcheckError("no such facts file; write one with `dpgcheck facts PATH > facts.json`", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DpgcheckError(f"cannot read facts file: {exc}", path=str(path)) from None
    try:
        facts = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DpgcheckError(f"facts file is not valid JSON (line {exc.lineno}: {exc.msg})", path=str(path)) from None
    if not isinstance(facts, dict) or "facts_version" not in facts:
        raise DpgcheckError("not a dpgcheck facts document (no facts_version)", path=str(path))
    validate_facts(facts, str(path))
    return facts


def validate_facts(facts: dict[str, Any], where: str) -> None:
    """A saved or hand-made facts document must match the schema: missing facts never pass."""
    import jsonschema

    from dpgcheck.schemas import facts_schema

    validator = jsonschema.Draft202012Validator(facts_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(facts))
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
    if config.format is not None and config.format not in ("text", "json", "sarif", "junit", "markdown", "github"):
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


def check(request: CheckRequest) -> int:
    from dpgcheck.bundle.loader import load_policies
    from dpgcheck.engine.factory import open_engine
    from dpgcheck.evaluate import decide
    from dpgcheck.report import renderer
    from dpgcheck.report.model import build_report

    request = with_repo_config(request)
    # Policies first: a bundle refused (unsigned, tampered, shadowing) stops the run before any work.
    policy_set = load_policies(request.bundles, include_builtin=request.builtin, verification=request.verification, remote=request.remote)
    facts = gather_facts(request)
    engine = open_engine(request.engine, policy_set, opa=request.opa)
    try:
        decision = decide(engine, facts, request.run)
    finally:
        engine.close()
    if decision["verdict"] == "error":
        raise DpgcheckError("; ".join(decision["errors"]))
    report = build_report(
        decision, facts, policy_revision=policy_set.revision, bundles=policy_set.sources, engine=engine.name
    )
    write_output(renderer(request.output_format or "text")(report), request.output)
    return EXIT_FINDINGS if decision["verdict"] == "fail" else EXIT_PASS


def write_output(text: str, output: Path | None) -> None:
    import sys

    if output is None:
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        return
    try:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise DpgcheckError(f"cannot write the report: {exc.strerror or exc}", path=str(output)) from None

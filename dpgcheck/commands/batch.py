"""dpgcheck batch: audit many targets, one result line each, resumable and shardable."""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dpgcheck.batch import targets as targets_module
from dpgcheck.batch.results import ResultsWriter, read_existing
from dpgcheck.batch.targets import Target
from dpgcheck.batch.worker import BatchConfig
from dpgcheck.errors import DpgcheckError


@dataclass(frozen=True)
class BatchRequest:
    """Everything `dpgcheck batch` was asked to do."""

    list_file: Path | None
    directory: Path | None
    records: Path | None
    output: Path | None
    config: BatchConfig
    jobs: int
    resume: bool
    shard: str | None
    executor: str
    scheduler: Any
    progress: bool
    clock_given: bool


def gather_targets(request: BatchRequest) -> list[Target]:
    found: list[Target] = []
    if request.list_file is not None:
        found += targets_module.read_list(request.list_file)
    if request.directory is not None:
        found += targets_module.checkouts_in(request.directory)
    if request.records is not None:
        found += targets_module.records_in(request.records)
    if request.list_file is None and request.directory is None and request.records is None:
        raise DpgcheckError("give targets: a LIST file, --dir DIRECTORY or --records DIRECTORY")
    found = targets_module.unique(found)
    if request.shard:
        index, count = targets_module.parse_shard(request.shard)
        found = targets_module.select_shard(found, index, count)
    return found


def _resumed_config(request: BatchRequest, lines: list[dict[str, Any]]) -> BatchConfig:
    """A resumed run keeps the clock and profile of the lines already written."""
    config = request.config
    clocks = {line.get("clock") for line in lines}
    if len(clocks) == 1:
        (clock,) = clocks
        if not request.clock_given:
            config = replace(config, run=replace(config.run, now=clock))
        elif clock != config.run.now:
            raise DpgcheckError(f"the results were made with --now {clock}; resume with the same clock", path=str(request.output))
    return config


def run_batch(request: BatchRequest) -> int:
    if request.resume and request.output is None:
        raise DpgcheckError("--resume needs -o RESULTS.ndjson (the file to continue)")
    if request.executor == "dask" and not request.scheduler:
        raise DpgcheckError("--executor dask needs --scheduler ADDRESS (e.g. tcp://scheduler:8786)")
    targets = gather_targets(request)
    config = request.config
    if request.resume and request.output is not None:
        existing = read_existing(request.output)
        config = _resumed_config(request, existing.lines)
        done = existing.done
        targets = [t for t in targets if t.id not in done]
    writer = ResultsWriter(request.output, resume=request.resume)
    counts: dict[str, int] = {}
    started = time.perf_counter()
    from dpgcheck.batch.progress import Progress

    progress = Progress(len(targets), enabled=request.progress)
    try:
        for line in _execute(targets, config, request):
            writer.write(line)
            status = json.loads(line)["status"]
            counts[status] = counts.get(status, 0) + 1
            progress.advance(status)
    finally:
        progress.close()
        writer.close()
    seconds = time.perf_counter() - started
    done_text = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing to do"
    sys.stderr.write(f"dpgcheck batch: {sum(counts.values())} targets in {seconds:.1f} s ({done_text})\n")
    return 0


def _execute(targets: list[Target], config: BatchConfig, request: BatchRequest):
    if not targets:
        return iter(())
    if request.executor == "dask":
        from dpgcheck.batch.dask_executor import run_on_dask

        return run_on_dask(targets, config, request.scheduler)
    from dpgcheck.batch.pool import LocalPool

    return LocalPool(request.jobs, config).run(targets)

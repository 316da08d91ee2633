"""The click layer of ``dpgcheck batch`` (audit many targets) and ``dpgcheck batch report``."""
from __future__ import annotations

from pathlib import Path

import click

from dpgcheck.cli_options import PathType, _budget, _collect_options, _evaluation_clock, _parse_severity, with_budget_flags
from dpgcheck.error_handler import error_handler

REPORT_FORMATS = click.Choice(["csv", "markdown", "html"])


class BatchGroup(click.Group):
    """``dpgcheck batch ARGS`` runs a batch; ``dpgcheck batch report ...`` renders one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@click.group(cls=BatchGroup)
def batch() -> None:
    """Audit many repositories or DPG registry records: `dpgcheck batch [run] LIST -o RESULTS.ndjson`,
    then `dpgcheck batch report RESULTS.ndjson --format html`."""


@batch.command("run")
@click.argument("list_file", metavar="[LIST]", type=PathType, required=False)
@click.option("--dir", "directory", type=PathType, help="Audit every sub-directory of DIRECTORY (a folder of checkouts).")
@click.option("--records", type=PathType, help="Audit DPGA records: DIR/nominees/*.json paired with DIR/digitalpublicgoods/*.json by name.")
@click.option("-o", "--output", type=PathType, help="Append result lines (NDJSON) to FILE (default: standard output).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=600.0, show_default=True, help="Seconds one target may take; then it is a timeout row.")
@click.option("--resume", is_flag=True, help="Continue the run in -o FILE: skip targets that have a line, redo a torn last line.")
@click.option("--shard", metavar="I/N", help="Audit only shard I of N (a stable hash of each target).")
@click.option("--cache-dir", type=PathType, help="Where git URLs are cloned (and reused, updated, on later runs).")
@click.option("--depth", type=click.IntRange(min=0), default=0, show_default=True, help="History depth of clones (0: the whole history).")
@click.option("--profile", help="Profile for the whole batch (default: the bundle's; dpg-standard with --records).")
@click.option("--disable", multiple=True, metavar="SELECTOR", help="Switch off a rule, area:<area> or indicator:<n> (repeatable).")
@click.option("--severity", "severity", multiple=True, metavar="RULE=LEVEL", help="Override a rule's severity (repeatable).")
@click.option("--bundle", "bundles", type=PathType, multiple=True, help="An extra policy bundle directory (repeatable).")
@click.option("--no-builtin", is_flag=True, help="Do not load the built-in policies (only --bundle).")
@click.option("--now", help="Evaluation clock, RFC 3339, for the whole batch (default: now; --resume keeps the run's).")
@click.option("--engine", type=click.Choice(["regorus", "opa-go"]), default="regorus", show_default=True)
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --executor dask, e.g. tcp://10.0.0.5:8786.")
@click.option("--affiliations", type=PathType, help="YAML/JSON map of contributor e-mail or domain to organisation.")
@click.option("--network", is_flag=True, help="Allow network checks (URL reachability). Off by default.")
@click.option("--history-max-commits", type=click.IntRange(min=1), help="Read at most this many commits of history per target.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bar on a terminal (never when standard error is not one).")
@with_budget_flags
def batch_run(list_file, directory, records, output, jobs, timeout, resume, shard, cache_dir, depth, profile, disable, severity,
              bundles, no_builtin, now, engine, executor, scheduler, affiliations, network, history_max_commits, progress,
              eval_timeout, eval_memory) -> None:
    """Audit every target of LIST (paths and git URLs, one a line), --dir or --records."""
    import gc

    gc.enable()  # a batch runs for long: the cycle collector the one-shot console entry switched off is back
    with error_handler():
        from dpgcheck.batch.pool import default_jobs
        from dpgcheck.batch.worker import BatchConfig
        from dpgcheck.commands.batch import BatchRequest, run_batch
        from dpgcheck.evaluate import RunOptions

        run = RunOptions(profile=profile or ("dpg-standard" if records is not None else None), disabled=disable,
                         severity=_parse_severity(severity), now=_evaluation_clock(now))
        config = BatchConfig(
            run=run,
            collect=_collect_options((), affiliations, network, history_max_commits),
            bundles=tuple(str(Path(b).resolve()) for b in bundles),
            builtin=not no_builtin,
            engine=engine,
            cache_dir=str(cache_dir.resolve()) if cache_dir else None,
            depth=depth,
            timeout=timeout,
            budget=_budget(eval_timeout, eval_memory),
        )
        request = BatchRequest(
            list_file=list_file, directory=directory, records=records, output=output, config=config,
            jobs=jobs or default_jobs(), resume=resume, shard=shard, executor=executor, scheduler=scheduler,
            progress=progress, clock_given=now is not None,
        )
        raise SystemExit(run_batch(request))


@batch.command("report")
@click.argument("results", type=PathType)
@click.option("--format", "output_format", type=REPORT_FORMATS, default="markdown", show_default=True)
@click.option("-o", "--output", type=PathType, help="Write the report to FILE (default: standard output).")
@click.option("--baseline", type=PathType, help="A previous RESULTS.ndjson: report only what changed since.")
@click.option("--title", default="dpgcheck batch audit", show_default=True, help="Title of the Markdown and HTML reports.")
def batch_report(results, output_format, output, baseline, title) -> None:
    """Render RESULTS.ndjson as CSV, Markdown or a self-contained HTML page."""
    with error_handler():
        from dpgcheck.batch.render import render_file
        from dpgcheck.output import write_output

        write_output(render_file(results, output_format, baseline=baseline, title=title), output)
        raise SystemExit(0)

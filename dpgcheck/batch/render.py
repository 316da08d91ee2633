"""A batch results file rendered in the format asked for: CSV, Markdown (:mod:`.report`) or HTML
(:mod:`.html_report`, imported only when asked)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from dpgcheck.batch.report import changes, load, to_csv, to_markdown
from dpgcheck.errors import DpgcheckError


def render(lines: list[dict[str, Any]], output_format: str, *, baseline: list[dict[str, Any]] | None = None, title: str = "dpgcheck batch audit") -> str:
    diff = changes(baseline, lines) if baseline is not None else None
    if output_format == "csv":
        return to_csv(lines, diff)
    if output_format == "markdown":
        return to_markdown(lines, diff, title)
    if output_format == "html":
        from dpgcheck.batch.html_report import to_html

        return to_html(lines, diff, title)
    raise DpgcheckError(f"unknown report format {output_format!r}: choose csv, markdown or html")


def render_file(path: Path, output_format: str, *, baseline: Path | None = None, title: str = "dpgcheck batch audit") -> str:
    return render(load(path), output_format, baseline=load(baseline) if baseline else None, title=title)

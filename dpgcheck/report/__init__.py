"""Renderers: pure functions from a report (see :mod:`dpgcheck.report.model`) to text."""
from __future__ import annotations

from collections.abc import Callable

from dpgcheck.shapes import Report
from dpgcheck.vocabulary import FORMATS


def renderer(name: str) -> Callable[[Report], str]:
    render: Callable[..., str]
    if name == "text":
        from dpgcheck.report.text import render
    elif name == "json":
        from dpgcheck.report.json_report import render
    elif name == "sarif":
        from dpgcheck.report.sarif import render
    elif name == "junit":
        from dpgcheck.report.junit import render
    elif name == "markdown":
        from dpgcheck.report.markdown import render
    elif name == "github":
        from dpgcheck.report.github import render
    else:
        raise ValueError(name)
    return render

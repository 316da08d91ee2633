"""Per-file licensing after the REUSE specification: coverage, sources, LICENSES/ texts.

The rules themselves are in :mod:`dpgcheck.licensing.reuse_spec`; this collector feeds them
the repository's files through the read-only view and summarises the result. Whether
the repository *adopted* REUSE (which makes the REUSE rules apply) is a judgement over
these observations (``licenses_dir``, ``reuse_toml``, ``dep5``, ``sources``), made in
Rego (``policies/lib/reuse.rego``) with the thresholds ``reuse_adoption_signals`` and
``reuse_adoption_min_header_files``. Lists of
paths are capped at ``SAMPLE`` entries (with the full count beside them) so that the
facts of a repository with thousands of unlicensed files stay small.
"""
from __future__ import annotations

from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.licensing import reuse_spec as reuse
from dpgcheck.shapes import PathSample, ReuseFacts

SECTION = "reuse"
SAMPLE = 100
SOURCE_TYPES = ("file-header", "dot-license", "reuse-toml", "dep5")


def _sample(paths: list[str]) -> PathSample:
    ordered = sorted(paths)
    return {"count": len(ordered), "paths": ordered[:SAMPLE]}


def collect(view: RepoView, options: CollectOptions) -> ReuseFacts:
    entries = [(e.path, e.size) for e in view.files if not e.is_symlink]
    result = reuse.lint(entries, lambda path: view.read_bytes(path, source=SECTION, limit=reuse.SCAN_LIMIT))
    view.problems.extend(result.problems)
    files = result.files
    with_copyright = [f for f in files if f.has_copyright]
    with_licensing = [f for f in files if f.has_licensing]
    sources = {kind: 0 for kind in SOURCE_TYPES}
    for f in files:
        kinds = {kind for _, kind in f.info.copyrights} | {kind for _, kind in f.info.expressions}
        for kind in kinds:
            sources[kind] += 1
    return {
        "covered_files": len(files),
        "with_copyright": len(with_copyright),
        "with_licensing": len(with_licensing),
        "with_both": sum(1 for f in files if f.has_copyright and f.has_licensing),
        "sources": sources,
        "missing_copyright": _sample([f.path for f in files if not f.has_copyright]),
        "missing_licensing": _sample([f.path for f in files if not f.has_licensing]),
        "not_scanned": sorted(f.path for f in files if not f.scanned)[:SAMPLE],
        "invalid_expressions": sorted(result.invalid_expressions, key=lambda e: (e["path"], e["expression"]))[:SAMPLE],
        "licenses_dir": result.licenses_dir,
        "used_licenses": result.used,
        "missing_licenses": result.missing,
        "unused_licenses": result.unused,
        "reuse_toml": result.reuse_toml,
        "dep5": result.dep5,
    }

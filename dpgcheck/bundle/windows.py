"""Which history windows the collector must count, read from the bundles' data alone.

The threshold ``history_windows`` maps a window's name to its length in days
(``{"last_90_days": 90, "last_12_months": 365}``); a rule asks for a window by name
(``stewardship_window``, ``activity_window``) and finds it in the facts by its length.
The collector counts every length that the bundles' configuration, any of their profiles
or the run's own thresholds name: which of them a rule ends up using (the profile, the
merge order) is Rego's business, so none is left out here.

This runs before the facts are gathered, beside the engine child that loads and compiles
the policies (``dpgcheck check --staged``), so it reads only the data files under
``dpgcheck/config`` and ``dpgcheck/profiles`` of each bundle (and any at the bundle root
or directly under ``dpgcheck/``), merged as the loader merges them: no module is parsed.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpgcheck.bundle.datafiles import parse_data
from dpgcheck.errors import DpgcheckError
from dpgcheck.resources import builtin_policies

if TYPE_CHECKING:
    from dpgcheck.resources import Traversable

#: Longest window a bundle may ask for (a hundred years), and how many lengths at most.
MAX_WINDOW_DAYS = 36_525
MAX_WINDOWS = 16
_DATA_FILES = ("data.json", "data.yaml", "data.yml")


def bundle_window_days(bundle_paths: Iterable[Path | str], *, include_builtin: bool = True,
                       thresholds: dict[str, Any] | None = None) -> tuple[int, ...]:
    """The window lengths named by the built-in bundle (unless left out), the overlays and ``thresholds``."""
    from dpgcheck.bundle.loader import resolve_bundle

    roots: list[tuple[Traversable, str]] = []
    if include_builtin:
        roots.append((builtin_policies(), "dpgcheck"))
    for given in bundle_paths:
        path = Path(given)
        # Named as the loader names it, so that an error reads the same from either.
        label = (path.name or str(path)).removesuffix(".tar.gz").removesuffix(".tgz")
        roots.append((resolve_bundle(path), label))
    data: dict[str, Any] = {}
    for root, label in roots:
        data = _merge_config_files(data, root, label)
    return window_days(data, thresholds)


def window_days(data: dict[str, Any], thresholds: dict[str, Any] | None = None) -> tuple[int, ...]:
    """The window lengths named in ``data`` (a bundle's whole data, or only its config and profiles)."""
    dpgcheck = _object(data.get("dpgcheck"))
    config = _object(dpgcheck.get("config"))
    profiles = _object(dpgcheck.get("profiles"))
    named = [("data.dpgcheck.config.thresholds", config.get("thresholds"))]
    named += [(f"data.dpgcheck.profiles.{name}.thresholds", p.get("thresholds")) for name, p in sorted(profiles.items()) if isinstance(p, dict)]
    named.append(("the run's thresholds", thresholds))
    found: set[int] = set()
    for where, section in named:
        if isinstance(section, dict) and "history_windows" in section:
            found.update(_lengths(section["history_windows"], where))
    if len(found) > MAX_WINDOWS:
        raise DpgcheckError(f"the bundles name {len(found)} history window lengths; at most {MAX_WINDOWS} are counted")
    return tuple(sorted(found))


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _lengths(windows: Any, where: str) -> list[int]:
    if not isinstance(windows, dict):
        raise DpgcheckError(f"{where}.history_windows must map window names to lengths in days, e.g. {{\"last_6_months\": 182}}")
    lengths = []
    for name, days in windows.items():
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_WINDOW_DAYS:
            raise DpgcheckError(f"{where}.history_windows.{name} must be a whole number of days from 1 to {MAX_WINDOW_DAYS}, not {days!r}")
        lengths.append(days)
    return lengths


def _merge_config_files(data: dict[str, Any], root: Traversable, label: str) -> dict[str, Any]:
    from dpgcheck.bundle.loader import _at_path, _read_text, deep_merge

    for relative, item in _config_files(root):
        where = f"{label}/{relative}"
        name = relative.rsplit("/", 1)[-1]
        data = deep_merge(data, _at_path(relative[: -len(name)], parse_data(_read_text(item, where), name, where)))
    return data


def _config_files(root: Traversable) -> list[tuple[str, Traversable]]:
    """The data files that can set ``data.dpgcheck.config`` or ``data.dpgcheck.profiles``."""
    from dpgcheck.bundle.loader import _walk

    files = [(name, root / name) for name in _DATA_FILES if (root / name).is_file()]
    top = root / "dpgcheck"
    if top.is_dir():
        files += [(f"dpgcheck/{name}", top / name) for name in _DATA_FILES if (top / name).is_file()]
        for section in ("config", "profiles"):
            if (top / section).is_dir():
                files += [(relative, item) for relative, item in _walk(top / section, f"dpgcheck/{section}/")
                          if relative.rsplit("/", 1)[-1] in _DATA_FILES]
    return files

"""Read a repository's own ``.dpgcheck.yaml``: its defaults for ``dpgcheck check`` and its waivers.

As ``conftest.toml`` or ``.regal/config.yaml`` do for their tools, the file sets the
default profile, bundles and verification keys, report format and fail-on level (the
command line wins), and lists waivers. It is parsed with the bounded YAML loader; an
unknown key is an error naming it. Waivers are only read and shape-checked here: whether
one applies, has expired or is about to is decided in Rego (dpgcheck.decision), from
``input.options.waivers`` and the pinned clock ``input.options.now``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpgcheck.errors import DpgcheckError

FILE_NAME = ".dpgcheck.yaml"
KEYS = ("profile", "fail_on", "format", "bundles", "verification_keys", "require_signature", "waivers")
WAIVER_KEYS = ("rule", "path", "reason", "owner", "expires")
WAIVER_REQUIRED = ("rule", "reason", "owner", "expires")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_CONFIG_BYTES = 256 * 1024


@dataclass(frozen=True)
class RepoConfig:
    """A repository's ``.dpgcheck.yaml``: its defaults for the command line, and its waivers."""

    path: Path | None = None
    profile: str | None = None
    fail_on: str | None = None
    format: str | None = None
    bundles: tuple[Path | str, ...] = ()
    verification_keys: tuple[Path, ...] = ()
    require_signature: bool = False
    waivers: tuple[dict[str, Any], ...] = field(default_factory=tuple)


def _string(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DpgcheckError(f"{key} must be a non-empty string", path=where)
    return value


def _paths(value: Any, key: str, base: Path, where: str) -> tuple[Any, ...]:
    """Paths relative to the repository; bundle URLs stay strings."""
    if not isinstance(value, list):
        raise DpgcheckError(f"{key} must be a list of paths", path=where)
    items = [_string(item, f"{key}[{i}]", where) for i, item in enumerate(value)]
    return tuple(item if item.startswith(("https://", "http://")) else base / item for item in items)


def _waiver(value: Any, index: int, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise DpgcheckError(f"waivers[{index}] must be a mapping with {', '.join(WAIVER_REQUIRED)} (and optionally path)", path=where)
    for key in value:
        if key not in WAIVER_KEYS:
            raise DpgcheckError(f"unknown key {key!r} in waivers[{index}] (known: {', '.join(WAIVER_KEYS)})", path=where)
    for key in WAIVER_REQUIRED:
        if key not in value:
            raise DpgcheckError(f"waivers[{index}] has no {key}: every waiver needs {', '.join(WAIVER_REQUIRED)}", path=where)
        _string(value[key], f"waivers[{index}].{key}", where)
    if "path" in value:
        _string(value["path"], f"waivers[{index}].path", where)
    if not _DATE.match(value["expires"]):
        raise DpgcheckError(f"waivers[{index}].expires must be a date YYYY-MM-DD, not {value['expires']!r}", path=where)
    return {key: value[key] for key in WAIVER_KEYS if key in value}


def load_repo_config(root: Path) -> RepoConfig:
    """The repository's ``.dpgcheck.yaml``, or the empty configuration when it has none."""
    path = root / FILE_NAME
    if not path.is_file() or path.is_symlink():
        return RepoConfig()
    from dpgcheck.untrusted.yaml import YamlRefused, load  # only when there is a file to read

    where = str(path)
    try:
        data = path.read_bytes()
        value = load(data, max_bytes=MAX_CONFIG_BYTES).value
    except OSError as exc:
        raise DpgcheckError(f"cannot read: {exc.strerror or exc}", path=where) from None
    except YamlRefused as exc:
        raise DpgcheckError(exc.message + (f" (line {exc.line})" if exc.line else ""), path=where) from None
    if value is None:
        return RepoConfig(path=path)
    if not isinstance(value, dict):
        raise DpgcheckError("must be a mapping of settings", path=where)
    for key in value:
        if key not in KEYS:
            raise DpgcheckError(f"unknown key {key!r} (known: {', '.join(KEYS)})", path=where)
    require = value.get("require_signature", False)
    if not isinstance(require, bool):
        raise DpgcheckError("require_signature must be true or false", path=where)
    waivers = value.get("waivers") or []
    if not isinstance(waivers, list):
        raise DpgcheckError("waivers must be a list", path=where)
    return RepoConfig(
        path=path,
        profile=_string(value["profile"], "profile", where) if "profile" in value else None,
        fail_on=_string(value["fail_on"], "fail_on", where) if "fail_on" in value else None,
        format=_string(value["format"], "format", where) if "format" in value else None,
        bundles=_paths(value.get("bundles", []), "bundles", root, where),
        verification_keys=_paths(value.get("verification_keys", []), "verification_keys", root, where),
        require_signature=require,
        waivers=tuple(_waiver(w, i, where) for i, w in enumerate(waivers)),
    )

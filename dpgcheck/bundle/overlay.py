"""The overlay contract: what a bundle loaded over the built-in one may add, and what it changes.

An overlay declares a namespace in its ``.manifest`` (``metadata.namespace``, e.g. ``de``).
Its rules live in packages ``dpgcheck.rules.<namespace>_<area>["<namespace>.<id>"]`` and its
helper modules under ``dpgcheck.ext.<namespace>``. Built-in areas never contain ``_`` and
built-in rule ids never contain ``.``, so no future built-in rule or package can collide
with a government's. An overlay never puts modules anywhere else (above all not in
``dpgcheck.decision`` or ``dpgcheck.lib``), never redefines a package that is already
loaded, and sets data only under ``dpgcheck.config``, ``dpgcheck.profiles``,
``dpgcheck.licenses`` and ``dpgcheck.ext.<namespace>``.

What an overlay's data changes in the data already loaded is recorded (path, old and new
value) for the decision to classify and for every report to show; whether a change
weakens the base is judged in Rego (``dpgcheck.decision.bundles``).
"""
from __future__ import annotations

import re
from typing import Any

from dpgcheck.errors import DpgcheckError

NAMESPACE = re.compile(r"^[a-z][a-z0-9]{1,15}$")
OVERLAY_DATA_ROOTS = ("config", "profiles", "licenses", "titles")
_MISSING = object()


def namespace_of(manifest: dict[str, Any] | None, *, where: str) -> str | None:
    metadata = (manifest or {}).get("metadata") or {}
    if not isinstance(metadata, dict):
        raise DpgcheckError(".manifest metadata must be a JSON object", path=where)
    namespace = metadata.get("namespace")
    if namespace is None:
        return None
    if not isinstance(namespace, str) or not NAMESPACE.match(namespace):
        raise DpgcheckError(f"metadata.namespace {namespace!r} must be 2-16 lower-case letters and digits, starting with a letter", path=where)
    return namespace


def check_overlay_package(path: str | None, namespace: str | None, *, where: str) -> None:
    """Refuse a module an overlay may not load; return quietly for one it may."""
    if path is None:
        raise DpgcheckError("module has no package line", path=where)
    bare = path.removesuffix("_test").removesuffix('_test"]')
    if namespace is None:
        raise DpgcheckError(
            f"package {path}: a bundle with Rego modules must declare its namespace in .manifest "
            '(metadata.namespace, e.g. "de"); its rules go in dpgcheck.rules.<namespace>_<area>',
            path=where,
        )
    rule_area = re.match(r"^dpgcheck\.rules\.(?P<area>[a-z0-9_]+)(\[|$)", bare)
    if rule_area and (rule_area.group("area") == namespace or rule_area.group("area").startswith(f"{namespace}_")):
        return
    if bare == f"dpgcheck.ext.{namespace}" or bare.startswith(f"dpgcheck.ext.{namespace}."):
        return
    raise DpgcheckError(
        f"package {path} is outside this bundle's namespace {namespace!r}: an overlay may only add rule packages "
        f"dpgcheck.rules.{namespace}_<area>[\"{namespace}.<id>\"] and helpers under dpgcheck.ext.{namespace}; "
        "it can never replace or extend a built-in package",
        path=where,
    )


def check_overlay_rule_id(rule_id: str, namespace: str | None, *, where: str) -> None:
    if namespace is None or not rule_id.startswith(f"{namespace}."):
        raise DpgcheckError(f"rule id {rule_id!r} of an overlay must start with its namespace: \"{namespace}.<id>\"", path=where)


def check_overlay_data(value: dict[str, Any], namespace: str | None, *, where: str) -> None:
    """Data an overlay may set: config, profiles, licences and its own dpgcheck.ext.<namespace>."""
    for top, inner in value.items():
        if top != "dpgcheck" or not isinstance(inner, dict):
            raise DpgcheckError(f"an overlay may not set data.{top}: only data.dpgcheck.{{{', '.join(OVERLAY_DATA_ROOTS)}}} and data.dpgcheck.ext.<namespace>", path=where)
        for key, sub in inner.items():
            if key in OVERLAY_DATA_ROOTS:
                continue
            if key == "ext" and isinstance(sub, dict) and namespace is not None and set(sub) <= {namespace}:
                continue
            raise DpgcheckError(
                f"an overlay may not set data.dpgcheck.{key}: only data.dpgcheck.{{{', '.join(OVERLAY_DATA_ROOTS)}}} "
                f"and data.dpgcheck.ext.{namespace or '<namespace>'}",
                path=where,
            )


def data_overrides(base: Any, overlay: Any, path: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every value the overlay changes in data that was already loaded.

    A new key inside an existing object (a severity for a rule, a threshold) counts as a
    change with ``base: null``; a whole new profile or licence list does not (it adds, it
    does not override). Lists are compared as values.
    """
    changes: list[dict[str, Any]] = []
    if not isinstance(overlay, dict) or not isinstance(base, dict):
        if base != overlay:
            changes.append({"path": list(path), "base": base, "value": overlay})
        return changes
    for key in sorted(overlay):
        if key in base:
            changes.extend(data_overrides(base[key], overlay[key], path + (key,)))
        elif _is_override_point(path):
            changes.append({"path": [*path, key], "base": None, "value": overlay[key]})
    return changes


def _is_override_point(path: tuple[str, ...]) -> bool:
    # Inside an object that already exists and whose keys carry meaning for the base:
    # data.dpgcheck.config and everything in it,
    # the inside of an existing profile, licence document or titles table (indicators, areas).
    return len(path) >= 2 and path[0] == "dpgcheck" and (path[1] == "config" or (path[1] in ("profiles", "licenses", "titles") and len(path) >= 3))

"""Load policy bundles (OPA bundle layout) into modules, data and a rule catalogue.

A bundle is a directory with an optional ``.manifest``, ``*.rego`` modules and
``data.json`` / ``data.yaml`` files. As in OPA, a data file's directory, relative
to the bundle root, is the path in ``data`` where its content goes: the file
``dpgcheck/profiles/sovereign/data.json`` fills ``data.dpgcheck.profiles.sovereign``.
Several bundles stack: the base bundle first, then each overlay; an overlay may
add rules, profiles and data, and a data value it sets wins over the base.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpgcheck.bundle.dispatch import MODULE_NAME as DISPATCH_MODULE
from dpgcheck.bundle.dispatch import dispatch_module
from dpgcheck.errors import DpgcheckError
from dpgcheck.resources import Traversable, builtin_policies

MAX_POLICY_FILE_BYTES = 4 * 1024 * 1024


@dataclass
class PolicySet:
    """Everything an engine needs: policy modules, test modules and data."""

    modules: dict[str, str] = field(default_factory=dict)  # name -> Rego source
    test_modules: dict[str, str] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    manifests: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    #: ``data`` as JSON text, when known (read from the policy cache): engines pass it on as is.
    data_text: str | None = field(default=None, repr=False, compare=False)
    #: The revision, when known (read from the policy cache).
    known_revision: str | None = field(default=None, repr=False, compare=False)

    def data_json(self) -> str:
        return self.data_text if self.data_text is not None else json.dumps(self.data)

    @property
    def catalog(self) -> dict[str, dict[str, Any]]:
        return self.data.get("dpgcheck", {}).get("catalog", {}).get("rules", {})

    @property
    def revision(self) -> str:
        """The bundles' own revisions and a digest of everything loaded."""
        if self.known_revision is not None:
            return self.known_revision
        digest = hashlib.sha256()
        for name in sorted(self.modules):
            digest.update(name.encode() + b"\0" + self.modules[name].encode() + b"\0")
        digest.update(json.dumps(self.data, sort_keys=True).encode())
        revisions = "+".join(str(m.get("revision", "?")) for m in self.manifests) or "unversioned"
        return f"{revisions} ({digest.hexdigest()[:12]})"


def _walk(root: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    found = []
    for child in sorted(root.iterdir(), key=lambda c: c.name):
        relative = f"{prefix}{child.name}"
        if isinstance(child, Path) and child.is_symlink():
            # As in archives: a link could lead outside the bundle (or loop).
            raise DpgcheckError(f"bundle entry {relative!r} is a symbolic link; bundles may not contain links", path=str(child))
        if child.is_dir():
            found.extend(_walk(child, relative + "/"))
        else:
            found.append((relative, child))
    return found


def deep_merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_text(item: Traversable, where: str) -> str:
    if isinstance(item, Path):
        # A bundle from a user's directory: type and size checked before reading (a FIFO never blocks).
        from dpgcheck.untrusted import Refused, read_regular

        try:
            data = read_regular(item, max_bytes=MAX_POLICY_FILE_BYTES)
        except Refused as exc:
            raise DpgcheckError(f"policy file {exc.message}", path=where) from None
    else:
        try:
            data = item.read_bytes()
        except OSError as exc:
            raise DpgcheckError(f"cannot read policy file: {exc.strerror or exc}", path=where) from None
    if len(data) > MAX_POLICY_FILE_BYTES:
        raise DpgcheckError(f"policy file is larger than {MAX_POLICY_FILE_BYTES} bytes", path=where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise DpgcheckError("policy file is not valid UTF-8", path=where) from None


#: Node budget of a bundle's data.yaml, aliases expanded (the base bundle's data is a few thousand).
MAX_DATA_YAML_NODES = 300_000


def _parse_data(text: str, name: str, where: str) -> Any:
    """A data file's value, within the limits of :mod:`dpgcheck.untrusted` (depth, numbers, aliases)."""
    from dpgcheck.untrusted import Refused, parse_json, parse_yaml

    try:
        if name.endswith(".json") or name == ".manifest":
            return parse_json(text)
        return parse_yaml(text.encode("utf-8"), max_bytes=MAX_POLICY_FILE_BYTES, max_nodes=MAX_DATA_YAML_NODES, max_aliases=500)
    except Refused as exc:
        raise DpgcheckError(f"data file {exc.message}", path=where) from None


_MANIFEST_FIELDS = {"revision": str, "roots": list, "metadata": dict, "rego_version": int, "wasm": list}


def _check_manifest(manifest: Any, where: str) -> dict[str, Any]:
    """OPA's .manifest fields with their types: a wrong one is an input error, not a crash later."""
    if not isinstance(manifest, dict):
        raise DpgcheckError(".manifest must be a JSON object", path=where)
    for key, kind in _MANIFEST_FIELDS.items():
        value = manifest.get(key)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise DpgcheckError(f".manifest field {key!r} must be {'a string' if kind is str else 'an integer' if kind is int else 'an array' if kind is list else 'an object'}, not {type(value).__name__}", path=where)
    roots = manifest.get("roots") or []
    if not all(isinstance(root, str) for root in roots):
        raise DpgcheckError(".manifest roots must be an array of strings (data paths such as \"gov/ke\")", path=where)
    return manifest


def _at_path(directory: str, value: Any) -> dict[str, Any]:
    for part in reversed([p for p in directory.split("/") if p]):
        value = {part: value}
    if not isinstance(value, dict):
        raise DpgcheckError("a data file at the bundle root must hold a JSON object")
    return value


def load_bundle(root: Traversable | Path, policy_set: PolicySet, *, label: str) -> None:
    """Add one bundle to ``policy_set``."""
    # Imported here: a run that reads its policies from the cache needs neither (nor YAML).
    from dpgcheck.bundle.archive import is_archive
    from dpgcheck.bundle.metadata import catalog_entry

    if isinstance(root, Path):
        if not root.exists():
            raise DpgcheckError("no such policy bundle directory; give --bundle a directory (or .tar.gz) that holds .rego files and data, or drop the option", path=str(root))
        if root.is_file() and is_archive(root):
            from dpgcheck.bundle.archive import unpack

            root = unpack(root)
        elif not root.is_dir():
            raise DpgcheckError("a policy bundle must be a directory or a .tar.gz archive", path=str(root))
    catalog = policy_set.data.setdefault("dpgcheck", {}).setdefault("catalog", {}).setdefault("rules", {})
    policy_set.sources.append(label)
    for relative, item in _walk(root):
        where = f"{label}/{relative}"
        name = relative.rsplit("/", 1)[-1]
        if name == ".manifest":
            manifest = _check_manifest(_parse_data(_read_text(item, where), ".manifest", where), where)
            policy_set.manifests.append(manifest)
        elif name.endswith(".rego"):
            source = _read_text(item, where)
            module_name = f"{label}/{relative}"
            if name.endswith("_test.rego"):
                policy_set.test_modules[module_name] = source
                continue
            policy_set.modules[module_name] = source
            entry = catalog_entry(source, where=where)
            if entry is not None:
                if entry["id"] in catalog:
                    raise DpgcheckError(
                        f"rule id {entry['id']!r} is already defined in {catalog[entry['id']]['source']}; rule ids must be unique",
                        path=where,
                    )
                catalog[entry["id"]] = entry
        elif name in ("data.json", "data.yaml", "data.yml"):
            directory = relative[: -len(name)]
            value = _parse_data(_read_text(item, where), name, where)
            policy_set.data = deep_merge(policy_set.data, _at_path(directory, value))


def load_policies(bundle_paths: tuple[Path, ...] = (), *, include_builtin: bool = True) -> PolicySet:
    policy_set = PolicySet()
    if include_builtin:
        load_bundle(builtin_policies(), policy_set, label="dpgcheck")
    for path in bundle_paths:
        label = path.name or str(path)
        for suffix in (".tar.gz", ".tgz"):
            label = label.removesuffix(suffix)
        load_bundle(path, policy_set, label=label)
    policy_set.modules[DISPATCH_MODULE] = dispatch_module(policy_set.catalog)
    return policy_set

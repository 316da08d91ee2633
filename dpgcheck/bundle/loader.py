"""Load policy bundles (OPA bundle layout) into modules, data and a rule catalogue.

A bundle is a directory with an optional ``.manifest``, ``*.rego`` modules and
``data.json`` / ``data.yaml`` files. As in OPA, a data file's directory, relative
to the bundle root, is the path in ``data`` where its content goes: the file
``dpgcheck/profiles/sovereign/data.json`` fills ``data.dpgcheck.profiles.sovereign``.
Several bundles stack: the base bundle first, then each overlay; an overlay may
add rules, profiles and data in its own namespace, and a data value it sets wins over
the base (see dpgcheck/bundle/overlay.py for what an overlay may and may not do).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dpgcheck.bundle.datafiles import MAX_POLICY_FILE_BYTES, parse_data
from dpgcheck.bundle.dispatch import MODULE_NAME as DISPATCH_MODULE
from dpgcheck.bundle.dispatch import dispatch_module
from dpgcheck.bundle.metadata import catalog_entry, package_path
from dpgcheck.bundle.overlay import check_overlay_data, check_overlay_package, check_overlay_rule_id, data_overrides, namespace_of
from dpgcheck.errors import DpgcheckError
from dpgcheck.resources import builtin_policies

if TYPE_CHECKING:
    from dpgcheck.resources import Traversable

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
    packages: dict[str, str] = field(default_factory=dict)  # package path -> module that defines it
    bundles: list[dict[str, Any]] = field(default_factory=list)  # what each bundle is and overrides

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


def _replaces(directory: str, manifest: dict[str, Any] | None) -> bool:
    path = directory.strip("/")
    roots = [str(r).strip("/") for r in (manifest or {}).get("roots", [])]
    # Only a licence list itself (an object named "licenses" under data.dpgcheck.licenses) is
    # replaced; anything else an overlay sets merges into the base, as before.
    return path.startswith("dpgcheck/licenses/") and path.endswith("/licenses") and path in roots


def _replace_at(data: dict[str, Any], parts: list[str], value: Any) -> dict[str, Any]:
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise DpgcheckError(f"cannot replace data.{'.'.join(parts)}: a parent is not an object")
    old = node.get(parts[-1])

    def size(v: Any) -> str:
        return f"{len(v)} entries" if isinstance(v, (dict, list)) else json.dumps(v)

    node[parts[-1]] = value
    return {"path": parts, "base": None if old is None else f"{size(old)}", "value": f"replaced by {size(value)}", "replaced": True}


def _bundle_info(manifest: dict[str, Any] | None, label: str, *, base: bool, namespace: str | None, signature: str) -> dict[str, Any]:
    metadata = (manifest or {}).get("metadata") or {}
    info: dict[str, Any] = {
        "name": str(metadata.get("name") or label),
        "source": label,
        "base": base,
        "revision": str((manifest or {}).get("revision", "unversioned")),
        "signature": signature,
        "overrides": [],
    }
    for key in ("publisher", "jurisdiction", "version"):
        if metadata.get(key) is not None:
            info[key] = str(metadata[key])
    if namespace is not None:
        info["namespace"] = namespace
    return info


def load_bundle(root: Traversable | Path, policy_set: PolicySet, *, label: str, base: bool = False, signature: str = "unsigned",
                builtin: bool = False) -> None:
    """Add one bundle to ``policy_set``: the base one (the built-in policies, or the first bundle
    under --no-builtin), or an overlay over it."""
    # Imported here: a run that reads its policies from the cache needs neither (nor YAML).
    from dpgcheck.bundle.archive import is_archive

    if isinstance(root, Path):
        if not root.exists():
            raise DpgcheckError("no such policy bundle directory; give --bundle a directory (or .tar.gz) that holds .rego files and data, or drop the option", path=str(root))
        if root.is_file() and is_archive(root):
            from dpgcheck.bundle.archive import unpack

            root = unpack(root)
        elif not root.is_dir():
            raise DpgcheckError("a policy bundle must be a directory or a .tar.gz archive", path=str(root))
    while label in policy_set.sources:
        label += "+"
    catalog = policy_set.data.setdefault("dpgcheck", {}).setdefault("catalog", {}).setdefault("rules", {})
    entries = _walk(root)
    manifest = None
    for relative, item in entries:
        if relative == ".manifest":
            where = f"{label}/{relative}"
            manifest = _check_manifest(parse_data(_read_text(item, where), ".manifest", where), where)
    namespace = None if base else namespace_of(manifest, where=f"{label}/.manifest")
    if namespace is not None and any(b.get("namespace") == namespace for b in policy_set.bundles):
        raise DpgcheckError(f"two bundles declare the namespace {namespace!r}; each overlay needs its own", path=f"{label}/.manifest")
    info = _bundle_info(manifest, label, base=base, namespace=namespace, signature=signature)
    if manifest is not None:
        policy_set.manifests.append(manifest)
    policy_set.sources.append(label)
    contents = 0
    for relative, item in entries:
        where = f"{label}/{relative}"
        name = relative.rsplit("/", 1)[-1]
        if name.endswith(".rego"):
            source = _read_text(item, where)
            module_name = f"{label}/{relative}"
            package = package_path(source)
            if not base:
                check_overlay_package(package, namespace, where=where)
            if name.endswith("_test.rego"):
                policy_set.test_modules[module_name] = source
                continue
            contents += 1
            defined_in = policy_set.packages.get(package or "")
            if defined_in is not None and not defined_in.startswith(f"{label}/"):
                # Two modules may share a package in Rego; across bundles that would let one
                # bundle add rules to (or redefine) another's package.
                raise DpgcheckError(f"package {package} is already defined in {defined_in}; a bundle may not extend or replace it", path=where)
            if package is not None:
                policy_set.packages.setdefault(package, where)
            policy_set.modules[module_name] = source
            entry = catalog_entry(source, where=where)
            if entry is not None:
                if builtin and ("_" in entry["area"] or "." in entry["id"]):
                    raise DpgcheckError("built-in rule areas may not contain '_' nor ids '.' (both reserved for overlay namespaces)", path=where)
                if not base:
                    check_overlay_rule_id(entry["id"], namespace, where=where)
                if entry["id"] in catalog:
                    raise DpgcheckError(
                        f"rule id {entry['id']!r} is already defined in {catalog[entry['id']]['source']}; rule ids must be unique",
                        path=where,
                    )
                catalog[entry["id"]] = entry
        elif name in ("data.json", "data.yaml", "data.yml"):
            contents += 1
            directory = relative[: -len(name)]
            raw = parse_data(_read_text(item, where), name, where)
            value = _at_path(directory, raw)
            if not base:
                check_overlay_data(value, namespace, where=where)
                if _replaces(directory, manifest):
                    # A licence list under one of the overlay's roots replaces the base's list
                    # instead of adding to it (OPA: a bundle owns the data under its roots).
                    parts = [p for p in directory.split("/") if p]
                    info["overrides"].append(_replace_at(policy_set.data, parts, raw))
                    continue
                info["overrides"].extend(data_overrides(policy_set.data, value))
            policy_set.data = deep_merge(policy_set.data, value)
    if contents == 0:
        raise DpgcheckError("the bundle holds no policy (no .rego module and no data.json or data.yaml); refused", path=label)
    for change in info["overrides"]:
        change["path"] = change["path"][1:]  # below data.dpgcheck
    policy_set.bundles.append(info)
    policy_set.data["dpgcheck"].setdefault("catalog", {})["bundles"] = policy_set.bundles


@dataclass(frozen=True)
class Verification:
    """Pinned verification keys, and whether every overlay must be signed by one of them."""

    keys: tuple[Path, ...] = ()
    required: bool = False


def resolve_bundle(path: Path) -> Path:
    """The directory of a bundle: the path itself, or an archive unpacked safely."""
    from dpgcheck.bundle.archive import is_archive, unpack

    if not path.exists():
        raise DpgcheckError("no such policy bundle directory; give --bundle a directory (or .tar.gz) that holds .rego files and data, or drop the option", path=str(path))
    if path.is_file() and is_archive(path):
        return unpack(path)
    if not path.is_dir():
        raise DpgcheckError("a policy bundle must be a directory or a .tar.gz archive", path=str(path))
    return path


def signature_status(root: Path, verification: Verification, *, where: str) -> str:
    """Verify one overlay's signature as asked; return its status for the reports."""
    from dpgcheck.bundle.signing import SIGNATURES_FILE, VerificationKey, bundle_files, verify_files

    signatures_path = root / SIGNATURES_FILE
    signed = signatures_path.is_file()
    if not verification.keys:
        if verification.required:
            raise DpgcheckError("--require-signature needs at least one --verification-key to check signatures with")
        return "signed, not verified (no key given)" if signed else "unsigned"
    if not signed and not verification.required:
        return "unsigned"
    keys = [VerificationKey.load(key) for key in verification.keys]
    signatures = signatures_path.read_bytes() if signed else None
    key_id = verify_files(bundle_files(root), signatures, keys, where=where)
    return f"verified (key {key_id})"


def load_policies(bundle_paths: tuple[Path | str, ...] = (), *, include_builtin: bool = True, verification: Verification | None = None,
                  remote: Any = None) -> PolicySet:
    """Load the base and the overlays; ``bundle_paths`` may hold HTTPS URLs (strings)."""
    verification = verification or Verification()
    # Every overlay is fetched, unpacked and its signature checked before any of them is loaded.
    overlays = []
    for given in bundle_paths:
        if isinstance(given, str) and given.startswith(("https://", "http://")):
            from dpgcheck.bundle.remote import RemoteOptions, fetch, label_of

            path, label = fetch(given, remote or RemoteOptions()), label_of(given)
        else:
            path = Path(given)
            label = path.name or str(path)
            for suffix in (".tar.gz", ".tgz"):
                label = label.removesuffix(suffix)
        root = resolve_bundle(path)
        overlays.append((root, label, signature_status(root, verification, where=str(given))))
    policy_set = PolicySet()
    if include_builtin:
        load_bundle(builtin_policies(), policy_set, label="dpgcheck", base=True, signature="built-in", builtin=True)
    for index, (root, label, signature) in enumerate(overlays):
        # Without the built-in policies, the first bundle is the base the others overlay.
        load_bundle(root, policy_set, label=label, signature=signature, base=not include_builtin and index == 0)
    policy_set.modules[DISPATCH_MODULE] = dispatch_module(policy_set.catalog, policy_set.modules)
    return policy_set

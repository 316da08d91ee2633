"""dpgcheck bundle init | build --overlay | sign | verify | inspect: a government's own bundle."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from dpgcheck.errors import EXIT_FINDINGS, EXIT_PASS, DpgcheckError


def _files_of(path: Path) -> tuple[Path, dict[str, bytes], bytes | None]:
    from dpgcheck.bundle.loader import resolve_bundle
    from dpgcheck.bundle.signing import SIGNATURES_FILE, bundle_files

    root = resolve_bundle(path)
    signatures = root / SIGNATURES_FILE
    return root, bundle_files(root), signatures.read_bytes() if signatures.is_file() else None


def bundle_sign(path: Path, signing_key: Path, *, algorithm: str, key_id: str | None) -> int:
    """Write .signatures.json into a directory, or into a .tar.gz (rewritten reproducibly)."""
    from dpgcheck.bundle.archive import is_archive
    from dpgcheck.bundle.build import write_tarball
    from dpgcheck.bundle.signing import SIGNATURES_FILE, sign_files

    _, files, _ = _files_of(path)
    document = sign_files(files, signing_key, algorithm=algorithm, key_id=key_id)
    text = (json.dumps(document, indent=2) + "\n").encode()
    try:
        if path.is_dir():
            (path / SIGNATURES_FILE).write_bytes(text)
        elif is_archive(path):
            write_tarball({**files, SIGNATURES_FILE: text}, path)
    except OSError as exc:
        raise DpgcheckError(f"cannot write the signature: {exc.strerror or exc}", path=str(path)) from None
    sys.stdout.write(f"signed {path}: {len(files)} files, {algorithm}" + (f", key id {key_id}" if key_id else "") + "\n")
    return EXIT_PASS


def bundle_verify(path: Path, keys: tuple[Path, ...]) -> int:
    from dpgcheck.bundle.signing import VerificationKey, verify_files

    if not keys:
        raise DpgcheckError("give the public key (or HMAC secret) to verify with: --verification-key KEY")
    _, files, signatures = _files_of(path)
    key_id = verify_files(files, signatures, [VerificationKey.load(k) for k in keys], where=str(path))
    sys.stdout.write(f"verified {path}: {len(files)} files match their signed hashes; signed with key {key_id}\n")
    return EXIT_PASS


def inspect_bundle(path: Path, keys: tuple[Path, ...]) -> dict[str, Any]:
    from dpgcheck.bundle.loader import PolicySet, Verification, load_bundle, signature_status
    from dpgcheck.resources import builtin_policies

    from dpgcheck.bundle.loader import resolve_bundle

    root = resolve_bundle(path)
    try:
        signature = signature_status(root, Verification(keys=keys, required=bool(keys)), where=str(path))
    except DpgcheckError as exc:
        signature = f"INVALID: {exc.message}"
    policy_set = PolicySet()
    load_bundle(builtin_policies(), policy_set, label="dpgcheck", base=True, signature="built-in", builtin=True)
    base_rules = set(policy_set.catalog)
    base_profiles = set(policy_set.data.get("dpgcheck", {}).get("profiles", {}))
    label = path.name.removesuffix(".tar.gz").removesuffix(".tgz")
    load_bundle(root, policy_set, label=label, signature=signature)
    info = policy_set.bundles[-1]
    manifest = policy_set.manifests[-1] if len(policy_set.manifests) > 1 else {}
    data_paths = sorted({
        str(p.relative_to(root).parent).replace("/", ".") for p in root.rglob("*") if p.name in ("data.json", "data.yaml", "data.yml")
    })
    return {
        "name": info["name"],
        "manifest": manifest,
        "roots": manifest.get("roots", [""]),
        "namespace": info.get("namespace"),
        "signature": signature,
        "rules_added": sorted(set(policy_set.catalog) - base_rules),
        "profiles_added": sorted(set(policy_set.data["dpgcheck"].get("profiles", {})) - base_profiles),
        "data_paths": data_paths,
        "overrides": info["overrides"],
    }


def bundle_inspect(path: Path, keys: tuple[Path, ...], *, as_json: bool) -> int:
    report = inspect_bundle(path, keys)
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2, sort_keys=True) + "\n")
        return EXIT_PASS
    metadata = report["manifest"].get("metadata", {})
    lines = [
        f"bundle {report['name']} (namespace {report['namespace'] or 'none'}) revision {report['manifest'].get('revision', 'unversioned')}",
        *(f"  {key}: {metadata[key]}" for key in ("publisher", "jurisdiction", "version", "dpgcheck_version", "dpg_standard_version") if key in metadata),
        f"  roots: {', '.join(report['roots'])}",
        f"  signature: {report['signature']}",
        f"  rules added: {', '.join(report['rules_added']) or 'none'}",
        f"  profiles added: {', '.join(report['profiles_added']) or 'none'}",
        f"  data paths set: {', '.join(report['data_paths']) or 'none'}",
        f"  overrides of the base: {len(report['overrides'])}",
        *(f"    {'.'.join(c['path'])}: {json.dumps(c['base'])} -> {json.dumps(c['value'])}" for c in report["overrides"]),
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_PASS


def build_overlay(directory: Path, output: Path, *, signing_key: Path | None, algorithm: str, key_id: str | None) -> int:
    """Check an overlay over the base (contract, compilation, its own tests) and write it as a tarball."""
    from dpgcheck.bundle.build import write_tarball
    from dpgcheck.bundle.loader import load_policies
    from dpgcheck.bundle.signing import SIGNATURES_FILE, bundle_files, sign_files
    from dpgcheck.engine.factory import open_engine
    from dpgcheck.policytest import discover, run_tests

    if not directory.is_dir():
        raise DpgcheckError("--overlay takes the bundle's source directory", path=str(directory))
    policy_set = load_policies((directory,))
    engine = open_engine("regorus", policy_set, with_tests=True)  # compiles every module
    try:
        label = policy_set.sources[-1]
        tests = [t for t in discover(policy_set, "*") if t[0].startswith(f"{label}/")]
        results = run_tests(engine, tests)
    finally:
        engine.close()
    failed = [r for r in results if not r.passed]
    for result in failed:
        sys.stdout.write(f"FAIL {result.module}: {result.name}{f' ({result.error})' if result.error else ''}\n")
    if failed:
        sys.stdout.write(f"{len(failed)} of {len(results)} bundle tests failed; nothing written\n")
        return EXIT_FINDINGS
    files = bundle_files(directory)
    if signing_key is not None:
        files[SIGNATURES_FILE] = (json.dumps(sign_files(files, signing_key, algorithm=algorithm, key_id=key_id), indent=2) + "\n").encode()
    try:
        write_tarball(files, output)
    except OSError as exc:
        raise DpgcheckError(f"cannot write the bundle: {exc.strerror or exc}", path=str(output)) from None
    sys.stdout.write(f"wrote {output}: {len(files)} files, {len(results)} bundle tests passed" + (", signed" if signing_key else "") + "\n")
    return EXIT_PASS

"""Write an OPA bundle (.tar.gz) that an OPA server runs to give dpgcheck's exact verdict.

The bundle holds the Rego modules (tests left out), the data of every loaded bundle, and
the rule catalogue that dpgcheck otherwise computes from METADATA at load time, so that
``opa run --server bundle.tar.gz`` answers ``POST /v1/data/dpgcheck/decision/main`` alone.
"""
from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path
from typing import Any

from dpgcheck import DPG_STANDARD_VERSION, __version__
from dpgcheck.bundle.loader import PolicySet

# Fixed timestamps make the archive byte-for-byte reproducible.
_EPOCH = 0


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = _EPOCH
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


def manifest(policy_set: PolicySet) -> dict[str, Any]:
    roots = sorted({"dpgcheck", *(str(root) for m in policy_set.manifests for root in m.get("roots", []) if not str(root).startswith("dpgcheck"))})
    return {
        "revision": policy_set.revision,
        "roots": roots,
        "rego_version": 1,
        "metadata": {
            "built_by": f"dpgcheck {__version__}",
            "dpg_standard_version": DPG_STANDARD_VERSION,
            "bundles": policy_set.sources,
            "query": "data.dpgcheck.decision.main",
        },
    }


def build_bundle(policy_set: PolicySet, output: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        _add(archive, ".manifest", json.dumps(manifest(policy_set), indent=2, sort_keys=True).encode())
        _add(archive, "data.json", json.dumps(policy_set.data, indent=2, sort_keys=True).encode())
        for name in sorted(policy_set.modules):
            _add(archive, name, policy_set.modules[name].encode("utf-8"))
    output.write_bytes(gzip.compress(buffer.getvalue(), mtime=_EPOCH))


def write_tarball(files: dict[str, bytes], output: Path) -> None:
    """A reproducible .tar.gz of these files (sorted, fixed timestamps and modes)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name in sorted(files):
            _add(archive, name, files[name])
    output.write_bytes(gzip.compress(buffer.getvalue(), mtime=_EPOCH))

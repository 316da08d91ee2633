"""SBOM facts kept on disk by the document's name and bytes, so a run over unchanged SBOMs
never imports their readers.

Reading the quick start's one SPDX JSON document costs about 0.35 s, nearly all of it
importing spdx-tools (its model classes are decorated by beartype as they load); the facts
of a document depend only on its name, its bytes, dpgcheck's reading code, the SPDX licence
data it ships and the readers' versions, which are all in the cache's key (see
:mod:`dpgcheck.cache`). Documents over :data:`MAX_CACHED_BYTES` are read every time: they are
rare in repositories, and their facts would make the one cache file that every run reads large.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, cast

from dpgcheck import cache
from dpgcheck.shapes import SbomReading

MAX_CACHED_BYTES = 1024 * 1024
ENTRIES_KEPT = 500

_HERE = Path(__file__).resolve().parent
#: The dpgcheck modules whose code makes a document's facts (this one's is in the folder's name,
#: see cache.versioned_dir), and the readers they call.
_MODULES = tuple(str(_HERE / name) for name in (
    "sbom.py", "sbom_problems.py", "sbom_tally.py", "spdx2.py", "spdx2_load.py",
    "spdx3.py", "cyclonedx.py", "expression.py", "spdx_names.py",
)) + tuple(str(_HERE.parent / name) for name in ("patterns.py", "untrusted/large_yaml.py", "untrusted/yaml.py"))
_LIBRARIES = ("cyclonedx", "spdx_python_model", "license_expression", "xmltodict", "defusedxml", "rdflib", "yaml")


def _directory() -> Path | None:
    """``<cache>/sbom/spdx_tools.spdx-<stamp>-<hash>/<hash of the code and readers>``, or None when caching is off."""
    base = cache.versioned_dir("sbom", "spdx_tools.spdx", __file__)
    if base is None:
        return None
    digest = cache.files_digest(_MODULES)
    if digest is None:
        return None
    from dpgcheck.resources import builtin_policies

    try:
        digest.update((builtin_policies() / "dpgcheck" / "licenses" / "spdx" / "data.json").read_bytes())
    except OSError:
        return None
    for library in _LIBRARIES:
        digest.update(f"{library}:{cache.library_stamp(library)}".encode())
    return base / digest.hexdigest()[:16]


_answers = cache.DiskMap("sbom", "spdx_tools.spdx", __file__, "documents.json", ENTRIES_KEPT, directory=_directory)


def _key(data: bytes, name: str) -> str:
    return hashlib.sha256(name.encode("utf-8", "surrogatepass") + b"\0" + data).hexdigest()


def _is_reading(found: Any) -> bool:
    return isinstance(found, dict) and isinstance(found.get("format"), str) and isinstance(found.get("problems"), list)


def read_document(data: bytes, name: str) -> SbomReading:
    """:func:`dpgcheck.licensing.sbom.read_document`, through the answers kept on disk."""
    from dpgcheck.licensing import sbom

    if len(data) > MAX_CACHED_BYTES or cache.cache_root() is None:
        return sbom.read_document(data, name)
    key = _key(data, name)
    found = _answers.get(key)
    if _is_reading(found):
        return cast(SbomReading, found)
    facts = sbom.read_document(data, name)
    _answers.put(key, facts)
    return facts

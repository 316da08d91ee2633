"""A bundle's data files (``.manifest``, ``data.json``, ``data.yaml``) parsed within the limits of
:mod:`dpgcheck.untrusted`; used by the loader and by signature hashing."""
from __future__ import annotations

from typing import Any

from dpgcheck.errors import DpgcheckError

#: Largest policy or data file of a bundle.
MAX_POLICY_FILE_BYTES = 4 * 1024 * 1024

#: Node budget of a bundle's data.yaml, aliases expanded (the base bundle's data is a few thousand).
MAX_DATA_YAML_NODES = 300_000


def parse_data(text: str, name: str, where: str) -> Any:
    """A data file's value, within the limits of :mod:`dpgcheck.untrusted` (depth, numbers, aliases)."""
    from dpgcheck.untrusted import Refused, parse_json, parse_yaml

    try:
        if name.endswith(".json") or name == ".manifest":
            return parse_json(text)
        return parse_yaml(text.encode("utf-8"), max_bytes=MAX_POLICY_FILE_BYTES, max_nodes=MAX_DATA_YAML_NODES, max_aliases=500)
    except Refused as exc:
        raise DpgcheckError(f"data file {exc.message}", path=where) from None

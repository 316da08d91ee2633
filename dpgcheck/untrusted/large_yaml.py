"""A large YAML document (an SPDX SBOM of tens of megabytes) loaded without aliases and without a node graph.

:mod:`dpgcheck.untrusted.yaml` is the loader for configuration-sized YAML (bounded nodes,
lines of keys, duplicate keys). A 30 MB SBOM needs another trade-off: no aliases at all
(they make "billion laughs" documents), one document, and the value built straight from the
parser's events, so memory stays proportional to the value. Errors are ``yaml.YAMLError``.
"""
from __future__ import annotations

from typing import Any


def load_large(text: str) -> Any:
    """Safe YAML without aliases (they make "billion laughs" documents), built straight from
    the parser's events (libyaml when present): no node graph is composed first, which
    took a 30 MB SBOM to 940 MB and 46 s."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolver = yaml.resolver.Resolver()
    scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    stack: list[Any] = []
    keys: list[Any] = []
    top: Any = None
    key: Any = _NO_KEY
    result: Any = None
    documents = 0
    event: Any
    for event in yaml.parse(text, Loader=loader):
        kind = event.__class__
        if kind is scalar:
            # quoted scalars are strings; plain ones are typed as the safe loader types them
            value: Any = event.value if event.style or event.tag else _yaml_scalar(resolver, event)
        elif kind is mapping_start or kind is sequence_start:
            stack.append(top)
            keys.append(key)
            top, key = ({} if kind is mapping_start else []), _NO_KEY
            continue
        elif kind in ends:
            value = top
            top, key = stack.pop(), keys.pop()
        elif kind is yaml.AliasEvent:
            raise yaml.YAMLError("YAML aliases (*name) are not allowed in an SPDX document")
        else:
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise yaml.YAMLError("more than one YAML document in the file")
            continue
        if top is None:
            result = value
        elif top.__class__ is list:
            top.append(value)
        elif key is _NO_KEY:
            key = value if value is None or isinstance(value, (str, int, float, bool)) else str(value)
        else:
            top[key] = value
            key = _NO_KEY
    return result


_NO_KEY = object()


def _yaml_scalar(resolver: Any, event: Any) -> Any:
    """A scalar as the safe loader would type it: str, int, float, bool or None."""
    import yaml

    if event.tag not in (None, "!"):
        tag = event.tag
    elif event.implicit[0]:
        tag = resolver.resolve(yaml.ScalarNode, event.value, (True, False))
    else:
        tag = "tag:yaml.org,2002:str"
    value = event.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("yes", "true", "on", "y")
    if tag == "tag:yaml.org,2002:int":
        digits = value.replace("_", "")
        try:
            return int(digits, 0) if len(digits) <= 40 else value
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", "")) if len(value) <= 40 else value
        except ValueError:
            return value
    return value

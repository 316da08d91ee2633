"""How to reach an OPA server (``--engine opa``): plain settings, shared by the factory and the engine."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OpaServerOptions:
    """Where and how to reach an OPA server (``--engine opa``); none given: a local one is started."""

    url: str | None = None
    token: str | None = None
    ca_bundle: str | None = None
    client_cert: str | None = None
    client_key: str | None = None
    preloaded: bool = False
    timeout: float = 30.0

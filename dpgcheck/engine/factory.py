"""Pick and build an engine by name."""
from __future__ import annotations

from dpgcheck.bundle.loader import PolicySet
from dpgcheck.engine.base import Engine
from dpgcheck.engine.opa_options import OpaServerOptions
from dpgcheck.errors import DpgcheckError
from dpgcheck.vocabulary import ENGINES


def open_engine(
    name: str,
    policy_set: PolicySet,
    *,
    opa: OpaServerOptions | None = None,
    with_tests: bool = False,
    coverage: bool = False,
) -> Engine:
    if name == "regorus":
        from dpgcheck.engine.regorus_engine import RegorusEngine

        return RegorusEngine(policy_set, with_tests=with_tests, coverage=coverage)
    if name == "opa-go":
        from dpgcheck.engine.golib_engine import GolibEngine

        return GolibEngine(policy_set, with_tests=with_tests, coverage=coverage)
    if name == "opa":
        from dpgcheck.engine.opa_server import OpaServerEngine

        return OpaServerEngine(policy_set, opa or OpaServerOptions(), with_tests=with_tests)
    raise DpgcheckError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")

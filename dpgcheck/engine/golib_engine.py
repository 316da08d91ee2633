"""OPA's own Go engine in-process (PyPI ``opa-golib-python-bindings``, for tests and CI).

It is not a runtime dependency: it is how the test suite proves that the
policies mean the same on OPA as on regorus.
"""
from __future__ import annotations

from typing import Any

from dpgcheck.bundle.loader import PolicySet
from dpgcheck.engine.base import UNDEFINED
from dpgcheck.errors import DpgcheckError


def available() -> bool:
    try:
        import opa_bindings  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


class GolibEngine:
    name = "opa-go"

    def __init__(self, policy_set: PolicySet, *, with_tests: bool = False, coverage: bool = False) -> None:
        try:
            from opa_bindings import OpaEngine, OpaError
        except ImportError:
            raise DpgcheckError(
                "the opa-go engine needs OPA's Go library: pip install --ignore-requires-python opa-golib-python-bindings==0.4.4"
            ) from None
        self._error = OpaError
        self._coverage_enabled = coverage
        self._coverage: dict[str, dict[str, set[int]]] = {}
        self._engine = OpaEngine()
        modules = {**policy_set.modules, **(policy_set.test_modules if with_tests else {})}
        for name, source in modules.items():
            try:
                self._engine.add_policy(name, source)
            except OpaError as exc:
                raise DpgcheckError(f"Rego does not compile on OPA: {str(exc).splitlines()[0]}", path=name) from None
        self._engine.add_data(policy_set.data)

    def query(self, ref: str, input: Any = None) -> Any:
        try:
            rows = self._engine.eval_query(f"__result__ = {ref}", input, coverage=self._coverage_enabled)
        except self._error as exc:
            raise DpgcheckError(f"policy evaluation failed on OPA: {str(exc).splitlines()[0]}") from None
        if self._coverage_enabled and self._engine.last_coverage:
            for name, report in self._engine.last_coverage.get("files", {}).items():
                seen = self._coverage.setdefault(name, {"covered": set(), "not_covered": set()})
                for key in ("covered", "not_covered"):
                    for span in report.get(key) or []:
                        start, end = span["start"]["row"], span["end"]["row"]
                        seen[key].update(range(start, end + 1))
        if not rows:
            return UNDEFINED
        from dpgcheck.engine.normalise import canonical_numbers

        return canonical_numbers(rows[0]["__result__"])

    def coverage(self) -> dict[str, Any] | None:
        if not self._coverage_enabled:
            return None
        return {
            name: {"covered": sorted(lines["covered"]), "not_covered": sorted(lines["not_covered"] - lines["covered"])}
            for name, lines in self._coverage.items()
        }

    def close(self) -> None:
        self._engine.close()

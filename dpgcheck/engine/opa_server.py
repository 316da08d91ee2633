"""An OPA server as the engine, over its REST API (through ``opa-python-client``).

Three ways to use it:

* ``--opa-url URL``: push the bundle's modules (``PUT /v1/policies/<id>``) and data
  (``PUT /v1/data/<path>``), then ``POST /v1/data/dpgcheck/decision/main`` with the facts;
* ``--opa-url URL --opa-preloaded``: the server already runs the bundle (a government's own
  OPA); only query it;
* no URL: start ``opa run --server`` on a free loopback port for the run, when ``opa`` is on PATH.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from typing import Any
from urllib.parse import urlsplit

from dpgcheck.bundle.loader import PolicySet
from dpgcheck.engine.base import UNDEFINED
from dpgcheck.engine.opa_options import OpaServerOptions
from dpgcheck.errors import DpgcheckError

STARTUP_TIMEOUT_SECONDS = 15.0


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ref_to_path(ref: str) -> str:
    """``data.a.b["c-d"].e`` -> ``a/b/c-d/e`` (the REST path of a reference)."""
    if not ref.startswith("data."):
        raise ValueError(f"not a data reference: {ref}")
    parts: list[str] = []
    for chunk in ref[len("data."):].replace('"]', "").split("["):
        for piece in chunk.split("."):
            piece = piece.strip('"')
            if piece:
                parts.append(piece)
    return "/".join(parts)


class OpaServerEngine:
    name = "opa"

    def __init__(self, policy_set: PolicySet, options: OpaServerOptions, *, with_tests: bool = False) -> None:
        from opa_client import OpaClient

        self._process: subprocess.Popen[bytes] | None = None
        url = options.url or self._start_local_server()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise DpgcheckError(f"--opa-url {url!r} must look like http://host:8181 or https://host:8181")
        port = parts.port or (443 if parts.scheme == "https" else 8181)
        cert: Any = None
        if options.client_cert:
            cert = (options.client_cert, options.client_key) if options.client_key else options.client_cert
        self._client = OpaClient(
            host=parts.hostname,
            port=port,
            ssl=parts.scheme == "https",
            cert=cert,
            token=options.token,
            timeout=options.timeout,
            retries=1,
        )
        if options.ca_bundle:
            self._client._session.verify = options.ca_bundle  # the client has no option for a private CA
        self.url = url
        self._check_reachable()
        if not options.preloaded:
            modules = {**policy_set.modules, **(policy_set.test_modules if with_tests else {})}
            self._push(modules, policy_set.data)

    def _start_local_server(self) -> str:
        opa = shutil.which("opa")
        if opa is None:
            raise DpgcheckError(
                "--engine opa needs --opa-url, or an `opa` executable on PATH to start a local server"
            )
        port = _free_loopback_port()
        self._process = subprocess.Popen(
            [opa, "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                error = (self._process.stderr.read() if self._process.stderr else b"").decode("utf-8", "replace")
                raise DpgcheckError(f"`opa run --server` exited at start: {error.strip()[:300]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return url
            except OSError:
                time.sleep(0.05)
        self.close()
        raise DpgcheckError(f"`opa run --server` did not listen on 127.0.0.1:{port} within {STARTUP_TIMEOUT_SECONDS:.0f} s")

    def _check_reachable(self) -> None:
        import requests

        try:
            response = self._client._session.get(f"{self._client.root_url}/policies", timeout=self._client.timeout)
        except requests.exceptions.SSLError as exc:
            raise DpgcheckError(f"TLS failed with the OPA server at {self.url}: {exc.__class__.__name__}; check --opa-ca / --opa-cert") from None
        except requests.exceptions.RequestException as exc:
            raise DpgcheckError(f"cannot reach the OPA server at {self.url} ({exc.__class__.__name__}); is it running?") from None
        if response.status_code in (401, 403):
            raise DpgcheckError(f"the OPA server at {self.url} refused access (HTTP {response.status_code}); check --opa-token")
        if response.status_code >= 400:
            raise DpgcheckError(f"the OPA server at {self.url} answered HTTP {response.status_code} to GET /v1/policies")

    def _push(self, modules: dict[str, str], data: dict[str, Any]) -> None:
        import requests

        try:
            for name, source in modules.items():
                self._client.update_policy_from_string(source, name, rego_compat=False)
            for key, value in data.items():
                if key == "dpgcheck" and isinstance(value, dict):
                    # data.dpgcheck also holds the rule packages: push its data keys one by one.
                    for sub, subvalue in value.items():
                        self._put_data(f"dpgcheck/{sub}", subvalue)
                else:
                    self._put_data(key, value)
        except requests.exceptions.RequestException as exc:
            raise DpgcheckError(f"pushing the bundle to {self.url} failed: {exc.__class__.__name__}") from None
        except Exception as exc:  # opa-python-client's own error classes carry .message
            message = getattr(exc, "message", None) or str(exc)
            raise DpgcheckError(f"the OPA server at {self.url} rejected the bundle: {str(message)[:300]}") from None

    def _put_data(self, path: str, value: Any) -> None:
        response = self._client._session.put(f"{self._client.root_url}/data/{path}", json=value, timeout=self._client.timeout)
        if response.status_code != 204:
            raise DpgcheckError(f"the OPA server at {self.url} refused data at /v1/data/{path}: HTTP {response.status_code} {response.text[:200]}")

    def query(self, ref: str, input: Any = None) -> Any:
        import requests

        path = ref_to_path(ref)
        try:
            response = self._client._session.post(
                f"{self._client.root_url}/data/{path}", json={"input": input if input is not None else {}}, timeout=self._client.timeout
            )
        except requests.exceptions.RequestException as exc:
            raise DpgcheckError(f"query to the OPA server at {self.url} failed: {exc.__class__.__name__}") from None
        if response.status_code != 200:
            try:
                message = response.json().get("message", response.text)
            except ValueError:
                message = response.text
            raise DpgcheckError(f"the OPA server at {self.url} could not evaluate {ref}: {str(message)[:300]}")
        from dpgcheck.engine.normalise import parse_answer

        body = parse_answer(response.text)
        return body["result"] if "result" in body else UNDEFINED

    def coverage(self) -> dict[str, Any] | None:
        return None

    def close(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
            self._process = None

"""A STAND-IN for an OPA server, for tests on machines without the `opa` executable.

It serves, over real HTTP on loopback, the few OPA REST endpoints dpgcheck uses
(GET /health, GET /v1/policies, PUT/DELETE /v1/policies/<id>, PUT /v1/data/<path>,
POST /v1/data/<path>) and evaluates with OPA's real Go engine
(opa-golib-python-bindings). It is not OPA's HTTP server: where `opa` is on PATH
the same tests run against the real one.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote


class StandInState:
    def __init__(self, token: str | None = None) -> None:
        self.policies: dict[str, str] = {}
        self.data: dict[str, Any] = {}
        self.token = token
        self.lock = threading.Lock()
        self._engine: Any = None
        self.requests: list[tuple[str, str]] = []

    def engine(self) -> Any:
        from opa_bindings import OpaEngine

        if self._engine is None:
            engine = OpaEngine()
            for name, source in self.policies.items():
                engine.add_policy(name, source)
            engine.add_data(self.data)
            self._engine = engine
        return self._engine

    def invalidate(self) -> None:
        if self._engine is not None:
            self._engine.close()
        self._engine = None


def _set_path(tree: dict[str, Any], parts: list[str], value: Any) -> None:
    node = tree
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


class Handler(BaseHTTPRequestHandler):
    state: StandInState

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: Any = None) -> None:
        payload = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length)

    def _authorised(self) -> bool:
        token = self.state.token
        if token and self.headers.get("Authorization") != f"Bearer {token}":
            self._send(401, {"code": "unauthorized", "message": "missing or invalid bearer token"})
            return False
        return True

    def do_GET(self) -> None:
        self.state.requests.append(("GET", self.path))
        if self.path.startswith("/health"):
            return self._send(200, {})
        if not self._authorised():
            return None
        if self.path.rstrip("/") == "/v1/policies":
            return self._send(200, {"result": [{"id": name} for name in sorted(self.state.policies)]})
        return self._send(404, {"code": "resource_not_found"})

    def do_PUT(self) -> None:
        self.state.requests.append(("PUT", self.path))
        if not self._authorised():
            return None
        body = self._body()
        from opa_bindings import OpaEngine, OpaError

        with self.state.lock:
            if self.path.startswith("/v1/policies/"):
                name = unquote(self.path[len("/v1/policies/"):])
                source = body.decode("utf-8")
                try:  # compile on its own first, as OPA does, to answer 400 on a bad module
                    probe = OpaEngine()
                    probe.add_policy(name, source)
                    probe.close()
                except OpaError as exc:
                    return self._send(400, {"code": "invalid_parameter", "message": str(exc), "errors": [{"message": str(exc)}]})
                self.state.policies[name] = source
                self.state.invalidate()
                return self._send(200, {})
            if self.path.startswith("/v1/data/"):
                parts = [unquote(p) for p in self.path[len("/v1/data/"):].split("/") if p]
                _set_path(self.state.data, parts, json.loads(body))
                self.state.invalidate()
                return self._send(204)
        return self._send(404, {"code": "resource_not_found"})

    def do_DELETE(self) -> None:
        if not self._authorised():
            return None
        with self.state.lock:
            if self.path.startswith("/v1/policies/"):
                self.state.policies.pop(unquote(self.path[len("/v1/policies/"):]), None)
                self.state.invalidate()
                return self._send(200, {})
        return self._send(404, {"code": "resource_not_found"})

    def do_POST(self) -> None:
        self.state.requests.append(("POST", self.path))
        if not self._authorised():
            return None
        if not self.path.startswith("/v1/data/"):
            return self._send(404, {"code": "resource_not_found"})
        parts = [unquote(p) for p in self.path[len("/v1/data/"):].split("?")[0].split("/") if p]
        document = json.loads(self._body() or b"{}")
        ref = "data" + "".join(f'["{p}"]' for p in parts)
        from opa_bindings import OpaError

        with self.state.lock:
            try:
                rows = self.state.engine().eval_query(f"x = {ref}", document.get("input"))
            except OpaError as exc:
                return self._send(500, {"code": "internal_error", "message": str(exc)})
        if not rows:
            return self._send(200, {})
        return self._send(200, {"result": rows[0]["x"]})


class StandInOpaServer:
    """Start with ``with StandInOpaServer() as server: server.url``."""

    def __init__(self, token: str | None = None) -> None:
        self.state = StandInState(token)
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "StandInOpaServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()
        self.state.invalidate()

"""Bundles over HTTPS: a loopback server with a CA made in the test; ETag reuse, offline cache, no plain HTTP."""
from __future__ import annotations

import datetime
import ipaddress
import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.conftest import ROOT, run_dpgcheck

NOW = "2026-06-01T00:00:00Z"
COMPLIANT = ROOT / "examples" / "compliant"


def _name(common):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_ca_and_server_cert(directory):
    """A self-signed CA and a certificate for 127.0.0.1 it issued, valid today."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("dpgcheck test CA")).issuer_name(_name("dpgcheck test CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_file, cert_file, key_file = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return ca_file, cert_file, key_file


class BundleServer:
    def __init__(self, body, *, tls=None):
        self.body, self.requests = body, []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                server.requests.append({"path": self.path, "if_none_match": self.headers.get("If-None-Match")})
                etag = '"v1"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(server.body)))
                self.end_headers()
                self.wfile.write(server.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.httpd.server_address[1]}/national.tar.gz"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def tarball(tmp_path):
    bundle = tmp_path / "gov"
    assert run_dpgcheck("bundle", "init", bundle, "--namespace", "gov").returncode == 0
    output = tmp_path / "national.tar.gz"
    assert run_dpgcheck("bundle", "build", "--overlay", bundle, "-o", output).returncode == 0
    return output.read_bytes()


# procurement-minimum (which gov-example includes) fails a copy without git history: exit 1 is a
# report, exit 2 an error.
def check(url, tmp_path, *extra):
    return run_dpgcheck("check", COMPLIANT, "--bundle", url, "--profile", "gov-example", "--now", NOW, "--format", "json", *extra,
                        env={"DPGCHECK_CACHE_DIR": str(tmp_path / "cache")})


def test_https_bundle_is_fetched_then_revalidated_with_its_etag_then_used_offline(tmp_path, tarball):
    ca, cert, key = make_ca_and_server_cert(tmp_path)
    server = BundleServer(tarball, tls=(cert, key))
    try:
        first = check(server.url, tmp_path, "--bundle-ca", ca)
        assert first.returncode == 1, first.stderr
        report = json.loads(first.stdout)
        assert report["policy"]["bundles"] == ["dpgcheck", "national"]
        assert "gov.codeowners" in report["rules"]
        second = check(server.url, tmp_path, "--bundle-ca", ca)
        assert json.loads(second.stdout)["rules"] == report["rules"]
        assert server.requests == [{"path": "/national.tar.gz", "if_none_match": None}, {"path": "/national.tar.gz", "if_none_match": '"v1"'}]
    finally:
        server.stop()
    # The server is gone: the cached copy is used, and --offline never tries to connect.
    for extra in ((), ("--offline",)):
        again = check(server.url, tmp_path, "--bundle-ca", ca, *extra)
        assert again.returncode == 1, again.stderr
        assert json.loads(again.stdout)["rules"] == report["rules"]
    assert len(server.requests) == 2


def test_the_server_certificate_is_verified(tmp_path, tarball):
    _, cert, key = make_ca_and_server_cert(tmp_path)
    server = BundleServer(tarball, tls=(cert, key))
    try:
        result = check(server.url, tmp_path)  # the test CA is not given
    finally:
        server.stop()
    assert result.returncode == 2
    assert result.stderr.startswith(f"dpgcheck: error: {server.url}: cannot fetch the bundle (")
    assert "CERTIFICATE_VERIFY_FAILED" in result.stderr and result.stderr.endswith("and no cached copy exists\n")


def test_plain_http_is_refused_unless_asked(tmp_path, tarball):
    server = BundleServer(tarball)
    try:
        refused = check(server.url, tmp_path)
        assert refused.returncode == 2
        assert refused.stderr == (
            f"dpgcheck: error: {server.url}: plain HTTP is refused for policy bundles (anyone on the path could change them): "
            "use https://, or --allow-http\n"
        )
        assert server.requests == []
        allowed = check(server.url, tmp_path, "--allow-http")
        assert allowed.returncode == 1, allowed.stderr
    finally:
        server.stop()
    assert len(server.requests) == 1


def test_offline_without_a_cached_copy_is_an_error(tmp_path):
    result = check("https://127.0.0.1:9/never.tar.gz", tmp_path, "--offline")
    assert result.returncode == 2
    assert result.stderr == "dpgcheck: error: https://127.0.0.1:9/never.tar.gz: --offline: this bundle URL was never fetched, so there is no cached copy\n"

"""The publiccode collector on real repositories: facts, schema, hostile files, the --network switch."""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dpgcheck.collect.collectors import publiccode_facts as collector
from dpgcheck.collect.facts import collect_repository
from dpgcheck.collect.options import CollectOptions
from dpgcheck.collect.repo_view import RepoView
from dpgcheck.publiccode import check
from tests.conftest import validate_facts_document
from tests.governance.helpers import FULL, MINIMAL, billion_laughs, dump, mutate


def facts_of(root: Path, options: CollectOptions | None = None) -> dict[str, Any]:
    """Only this collector's section (the others are slow), validated against its schema."""
    section = collector.collect(RepoView.open(root), options or CollectOptions())
    validate_facts_document(section, "publiccode")
    return {"publiccode": section}


def test_whole_facts_document_validates(make_repo: Callable[..., Path]) -> None:
    facts = collect_repository(make_repo({"publiccode.yml": dump(mutate(MINIMAL, "developmentStatus", "alpha")).decode()}))
    validate_facts_document(facts)
    assert [e["code"] for e in facts["publiccode"]["errors"]] == ["invalid-value"]


def timed_section(root: Path) -> tuple[dict[str, Any], float, list[Any]]:
    view = RepoView.open(root)
    started = time.perf_counter()
    section = collector.collect(view, CollectOptions())
    return section, time.perf_counter() - started, view.problems


def test_absent(make_repo: Callable[..., Path]) -> None:
    facts = facts_of(make_repo({"README.md": "# x\n"}))
    assert facts["publiccode"] == collector.empty()


def test_valid_full_file(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"publiccode.yml": dump(FULL).decode(), "docs/logo.svg": "<svg/>", "docs/screen.png": "png"})
    section = facts_of(root)["publiccode"]
    assert {k: v for k, v in section.items() if k != "fields"} == {
        "present": True, "path": "publiccode.yml", "candidates": ["publiccode.yml"], "elsewhere": [], "parsed": True, "valid": True,
        "version": "0", "version_supported": True, "version_latest": True, "network_checked": False,
        "error_count": 0, "warning_count": 0, "errors": [], "warnings": [],
    }
    fields = section["fields"]
    assert fields["license"]["ids"] == ["EUPL-1.2"]
    assert {k: v for k, v in fields.items() if k != "license"} == {
        "name": "Civil Registry",
        "url": "https://git.example.org/registry/civil-registry.git",
        "landing_url": "https://registry.example.org",
        "roadmap": "https://registry.example.org/roadmap",
        "software_version": "2.4.1",
        "release_date": "2026-03-01",
        "development_status": "stable",
        "software_type": "standalone/web",
        "platforms": ["linux", "web"],
        "categories": ["digital-citizenship", "document-management"],
        "description_languages": ["en", "pt-BR"],
        "available_languages": ["en", "it", "pt-BR"],
        "localisation_ready": True,
        "has_main_copyright_owner": True,
        "maintenance_type": "contract",
        "contractor_count": 1,
        "contractors_until": ["2027-12-31"],
        "contact_count": 0,
        "organisation": True,
        "funded_by_count": 2,
        "used_by_count": 2,
        "is_based_on_count": 1,
        "supports": ["alias:gdpr", "https://eur-lex.europa.eu/eli/reg/2014/910/oj"],
    }


def test_missing_logo_and_errors_with_lines(make_repo: Callable[..., Path]) -> None:
    text = dump(mutate(FULL, "publiccodeYmlVersion", "0.4")).decode()
    root = make_repo({"publiccode.yml": text, "docs/screen.png": "png"})
    section = facts_of(root)["publiccode"]
    logo_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("logo:"))
    assert section["valid"] is False
    assert section["errors"] == [
        {"key": "logo", "code": "file-not-found", "message": "logo names a file that is not in the repository", "line": logo_line}
    ]
    assert section["warnings"] == [
        {"key": "publiccodeYmlVersion", "code": "old-version", "message": "publiccodeYmlVersion '0.4' is not the latest version; use \"0\"", "line": 1}
    ]
    assert (section["version"], section["version_supported"], section["version_latest"]) == ("0.4", True, False)


def test_yaml_extension_and_two_files(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"publiccode.yaml": dump(MINIMAL).decode(), "publiccode.yml": dump(MINIMAL).decode()})
    section = facts_of(root)["publiccode"]
    assert section["path"] == "publiccode.yml"
    assert section["candidates"] == ["publiccode.yml", "publiccode.yaml"]
    assert section["warnings"] == [
        {"key": "", "code": "several-files", "message": "several publiccode files at the root (publiccode.yml, publiccode.yaml); publiccode.yml was read", "line": 1}
    ]
    only_yaml = facts_of(make_repo({"publiccode.yaml": dump(MINIMAL).decode()}))["publiccode"]
    assert (only_yaml["path"], only_yaml["valid"]) == ("publiccode.yaml", True)


def test_file_in_a_subdirectory_is_not_the_repositorys(make_repo: Callable[..., Path]) -> None:
    section = facts_of(make_repo({"vendor/lib/publiccode.yml": dump(MINIMAL).decode(), "docs/PublicCode.yaml": "x: 1\n"}))["publiccode"]
    assert (section["present"], section["elsewhere"]) == (False, ["docs/PublicCode.yaml", "vendor/lib/publiccode.yml"])


def test_contacts_are_counted_never_copied(make_repo: Callable[..., Path]) -> None:
    document = mutate(MINIMAL, "maintenance.contacts", [{"name": "Maria Exemplo", "email": "maria.exemplo@example.org", "phone": "+39 06 0000 0000"}])
    facts = facts_of(make_repo({"publiccode.yml": dump(document).decode()}))
    text = json.dumps(facts)
    assert facts["publiccode"]["fields"]["contact_count"] == 1
    for personal in ("Maria", "maria.exemplo", "0000 0000"):
        assert personal not in text


# --- hostile files -----------------------------------------------------------------------------


def test_fifty_megabyte_file_refused_without_reading(make_repo: Callable[..., Path]) -> None:
    root = make_repo({}, use_git=False)
    with open(root / "publiccode.yml", "wb") as handle:
        handle.write(b"name: x\n" + b"# padding padding padding padding padding padding\n" * (50 * 1024 * 1024 // 50))
    size = (root / "publiccode.yml").stat().st_size
    section, seconds, problems = timed_section(root)
    message = f"file is {size} bytes, over the 1048576-byte limit for publiccode.yml; not read"
    assert section["errors"] == [{"key": "", "code": "file-too-large", "message": message, "line": 1}]
    assert (section["present"], section["parsed"], section["valid"]) == (True, False, False)
    assert problems == [{"source": "publiccode", "code": "file-too-large", "message": message, "path": "publiccode.yml"}]
    assert seconds < 0.5, seconds


def test_alias_bomb_refused_quickly(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"publiccode.yml": billion_laughs()})
    section, seconds, problems = timed_section(root)
    message = "aliases expand to more than 20000 nodes; refused as an alias bomb"
    assert section["errors"] == [{"key": "", "code": "alias-bomb", "message": message, "line": 5}]
    assert problems == [{"source": "publiccode", "code": "alias-bomb", "message": message, "path": "publiccode.yml"}]
    assert seconds < 0.5, seconds


def test_binary_file_refused_quickly(make_repo: Callable[..., Path]) -> None:
    root = make_repo({"publiccode.yml": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2000})
    section, seconds, problems = timed_section(root)
    message = "file contains NUL bytes: it is binary, not YAML"
    assert section["errors"] == [{"key": "", "code": "binary-file", "message": message, "line": 1}]
    assert problems == [{"source": "publiccode", "code": "binary-file", "message": message, "path": "publiccode.yml"}]
    assert seconds < 0.5, seconds


def test_symlink_outside_is_not_read(make_repo: Callable[..., Path], tmp_path: Path) -> None:
    outside = tmp_path / "secret.yml"
    outside.write_text(dump(MINIMAL).decode())
    root = make_repo({}, use_git=False)
    (root / "publiccode.yml").symlink_to(outside)
    section = facts_of(root)["publiccode"]
    assert section["errors"] == [
        {"key": "", "code": "symlink-outside", "message": "publiccode.yml is a symbolic link to outside the repository; not read", "line": 1}
    ]


# --- network -----------------------------------------------------------------------------------


def test_no_network_checks_without_the_flag(make_repo: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import dpgcheck.publiccode.network as network

    def fail(*_: Any, **__: Any) -> Any:
        raise AssertionError("network used without --network")

    monkeypatch.setattr(network, "reachable", fail)
    section = facts_of(make_repo({"publiccode.yml": dump(MINIMAL).decode()}))["publiccode"]
    assert (section["valid"], section["network_checked"]) == (True, False)


def test_network_checks_refuse_private_addresses(make_repo: Callable[..., Path]) -> None:
    document = mutate(MINIMAL, "url", "http://127.0.0.1:9/registry.git")
    document["roadmap"] = "http://localhost:9/roadmap"
    section = facts_of(make_repo({"publiccode.yml": dump(document).decode()}), CollectOptions(network=True))["publiccode"]
    assert section["network_checked"] is True
    assert sorted((e["key"], e["code"], e["message"]) for e in section["errors"]) == [
        ("roadmap", "unreachable", "roadmap cannot be reached: host does not resolve to a public address"),
        ("url", "unreachable", "url cannot be reached: host does not resolve to a public address"),
    ]


def test_network_checks_against_a_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    import dpgcheck.publiccode.network as network

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, head: bool) -> None:
            if self.path == "/no-head" and head:
                self.send_response(405)
            elif self.path in ("/ok", "/no-head"):
                self.send_response(200)
            else:
                self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
            self._answer(head=True)

        def do_GET(self) -> None:  # noqa: N802
            self._answer(head=False)

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setattr(network, "_public_host", lambda host: host == "127.0.0.1")  # this test's server only
        base = f"http://127.0.0.1:{server.server_port}"
        document = mutate(MINIMAL, "url", f"{base}/ok")
        document["landingURL"] = f"{base}/no-head"
        document["roadmap"] = f"{base}/missing"
        document["description"]["en"]["documentation"] = "http://localhost/docs"
        result = check(dump(document), network=True, timeout=2)
        assert sorted((i["key"], i["code"], i["message"]) for i in result.issues) == [
            ("description.en.documentation", "unreachable", "description.en.documentation cannot be reached: host does not resolve to a public address"),
            ("roadmap", "unreachable", "roadmap cannot be reached: HTTP 404"),
        ]
    finally:
        server.shutdown()
        server.server_close()

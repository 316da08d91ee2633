"""Shared fixtures: real git repositories in temp dirs and the real CLI."""
from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# jsonschema imports rfc3987-syntax when it is installed (the test extra's cyclonedx-bom brings
# it), which compiles 38 grammars at import: 2.7 s in each test process that imports jsonschema,
# for the "iri" and "iri-reference" formats, which no schema here uses ("uri", "uri-reference"
# and "date-time" are checked by other packages). The test processes do without it.
sys.modules.setdefault("rfc3987_syntax", None)

# OPA's Go engine (opa-go, on which every Rego test and cross-check also runs) compiles the
# policies for each policy set a test builds, and most of what a compile allocates dies young:
# with Go's default collector target (GOGC=100) three modules of cross-checks took 35 s of CPU,
# with 300 27 s (a worker's peak memory 360 -> 530 MB). The Go runtime reads
# GOGC from the environment its process started with, so it is set here, in the process that
# starts the xdist workers, unless the caller set it.
os.environ.setdefault("GOGC", "300")

ROOT = Path(__file__).resolve().parent.parent
DPGA_DATA = ROOT / "tests" / "data" / "dpga"
"""The vendored copy of the DPG registry snapshot (see its README.md)."""

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
    "GIT_AUTHOR_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(scope="session", autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests never write to the user's home: HOME and every cache point at a temporary folder.

    dpgcheck's caches (``DPGCHECK_CACHE_DIR``: licences, loaded policy sets), anything that follows the XDG
    convention (pip, pre-commit) and anything that writes under ``~`` land there.

    Byte code of the Python processes the tests start goes to one folder beside the workers' temporary
    folders (``PYTHONPYCACHEPREFIX``), even where the environment says not to write it
    (``PYTHONDONTWRITEBYTECODE``, set on some CI machines): otherwise every ``python -m dpgcheck``
    and every hook run compiles the whole package from source. Nothing is written in the tree.
    """
    home = tmp_path_factory.mktemp("home")
    names = ("HOME", "XDG_CACHE_HOME", "DPGCHECK_CACHE_DIR", "PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE")
    saved = {name: os.environ.get(name) for name in names}
    pycache = tmp_path_factory.getbasetemp().parent / "pycache"
    os.environ.update({"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "DPGCHECK_CACHE_DIR": str(home / "dpgcheck-cache"),
                       "PYTHONPYCACHEPREFIX": str(pycache)})
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    yield home
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules that hold a ``slow`` test run first, so that xdist's workers do not end on a long tail.

    The order within a module is kept and its tests stay together (pyproject's ``--dist loadfile``
    gives a module to one worker, which builds its module-scoped fixtures once).
    """
    def module(item: pytest.Item) -> str:
        return getattr(getattr(item, "module", None), "__name__", "")

    slow = {module(item) for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: module(item) not in slow)


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV, **(env or {})},
    )
    return result.stdout


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., Path]:
    """Build a repository: ``make_repo({"README.md": "..."}, git=True, commit=True)``."""
    counter = iter(range(1000))

    def _make(files: dict[str, str | bytes], *, use_git: bool = True, commit: bool = True, name: str | None = None) -> Path:
        root = tmp_path / (name or f"repo{next(counter)}")
        root.mkdir(parents=True)
        write_files(root, files)
        if use_git:
            git(root, "init", "-q", "-b", "main")
            if commit:
                git(root, "add", "-A")
                git(root, "commit", "-q", "-m", "initial", "--allow-empty")
        return root

    return _make


def run_dpgcheck(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    in_process: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI as a user would, and return what it printed and its exit code.

    By default the click command runs in this process (the same code path as the console
    script: argument parsing, the error handler, the exit code), which saves the half a
    second of interpreter start and imports per call. ``in_process=False`` starts a real
    ``python -m dpgcheck`` subprocess: use it where the process itself is the point (the
    entry point, signals, pipes, the environment a user's shell gives).
    """
    if not in_process:
        return subprocess.run(
            [sys.executable, "-m", "dpgcheck", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd,
            env={**os.environ, **GIT_ENV, **(env or {})},
            timeout=timeout,
        )
    return _run_in_process([str(arg) for arg in args], cwd=cwd, env={**GIT_ENV, **(env or {})})


def _run_in_process(args: list[str], *, cwd: Path | None, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``dpgcheck.cli.main(args)``, the console script's function, with its streams captured."""
    from click.testing import CliRunner

    from dpgcheck.cli import main

    previous_cwd, previous_argv = os.getcwd(), sys.argv
    sys.argv = ["dpgcheck", *args]
    try:
        if cwd is not None:
            os.chdir(cwd)
        with CliRunner().isolation(env=env) as (stdout, stderr, _):
            try:
                main(args)
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
    finally:
        os.chdir(previous_cwd)
        sys.argv = previous_argv
    return subprocess.CompletedProcess(
        ["dpgcheck", *args], code, stdout.getvalue().decode("utf-8", "replace"), stderr.getvalue().decode("utf-8", "replace")
    )


def run_json(*args: str | Path, **kwargs: Any) -> tuple[int, Any]:
    result = run_dpgcheck(*args, **kwargs)
    assert result.stdout, result.stderr
    return result.returncode, json.loads(result.stdout)


@functools.lru_cache(maxsize=None)
def _facts_validator(section: str | None = None) -> Any:
    import jsonschema
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    from dpgcheck.schemas import facts_schema

    schema = facts_schema()
    if section is not None:
        schema = schema["properties"][section]
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    registry = Registry().with_resource(schema["$id"], DRAFT202012.create_resource(schema)).crawl()
    return cls(schema, registry=registry)


def validate_facts_document(facts: Any, section: str | None = None) -> None:
    """``jsonschema.validate(facts, facts_schema())``, or with ``section`` the schema of that section of
    the document (``facts_schema()["properties"][section]``): the schema checked against its meta-schema
    and the best-matching error raised, with the schema checked and its references crawled once per
    session (half a second each time, where validating a document takes milliseconds)."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_facts_validator(section).iter_errors(facts))
    if error is not None:
        raise error


def go_engine_available() -> bool:
    from dpgcheck.engine.golib_engine import available

    return available()


ENGINES = ["regorus", pytest.param("opa-go", marks=pytest.mark.skipif(not go_engine_available(), reason="opa-golib-python-bindings not installed"))]

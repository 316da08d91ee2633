"""The wheel carries the policies and works outside the source tree (as pre-commit installs it)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (built,) = out.glob("dpgcheck-*.whl")
    return built


def test_wheel_contains_the_policies_and_schemas(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "dpgcheck/_policies/decision/decision.rego" in names
    assert "dpgcheck/_policies/rules/licensing/license-file/rule.rego" in names
    assert "dpgcheck/_policies/dpgcheck/config/data.json" in names
    assert "dpgcheck/_policies/.manifest" in names
    assert "dpgcheck/schemas/facts.schema.json" in names
    assert "dpgcheck/schemas/sarif-schema-2.1.0.json" in names
    assert not [n for n in names if n.startswith(("tests/", "examples/"))]


def installed_wheel(wheel: Path, env_dir: Path) -> Path:
    """A fresh virtual environment with the wheel installed; its python.

    The wheel goes in with ``--no-deps``, and a ``.pth`` file lends the environment the
    dependencies this test run already has, read from their site-packages after the
    fresh environment's own. A path listed in a ``.pth`` file is not itself scanned for
    ``.pth`` files, so the editable dpgcheck of the test environment stays invisible: the
    only dpgcheck importable is the wheel's. (CI installs the package with all its
    dependencies from the registry in the README's commands, on every Python.)
    """
    import sysconfig

    venv.create(env_dir, with_pip=False)  # this run's pip installs into it (pip --python): no ensurepip
    python = env_dir / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    lent = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "zz-test-dependencies.pth").write_text("".join(f"{path}\n" for path in sorted(lent)))
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    return python


def test_installed_wheel_checks_a_repository_from_outside_the_tree(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    python = installed_wheel(wheel, env_dir)
    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "examples" / "compliant", work / "compliant")
    shutil.copytree(ROOT / "examples" / "non-compliant", work / "non-compliant")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    dpgcheck = str(env_dir / "bin" / "dpgcheck")
    where = subprocess.run(
        [str(python), "-c", "import dpgcheck.resources as r; print(r.builtin_policies())"],
        cwd=work, capture_output=True, text=True, env=env,
    )
    assert where.stdout.strip().endswith("site-packages/dpgcheck/_policies"), where.stdout + where.stderr
    passing = subprocess.run([dpgcheck, "check", "compliant"], cwd=work, capture_output=True, text=True, env=env)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    failing = subprocess.run([dpgcheck, "check", "non-compliant"], cwd=work, capture_output=True, text=True, env=env)
    assert failing.returncode == 1
    assert "license-file" in failing.stdout
    tests = subprocess.run([dpgcheck, "policy", "test"], cwd=work, capture_output=True, text=True, env=env)
    assert tests.returncode == 0, tests.stdout + tests.stderr

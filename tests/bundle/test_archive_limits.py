"""Hostile bundle archives beyond names: devices, oversize entries and gzip bombs."""
from __future__ import annotations

import gzip
import io
import tarfile

import pytest

from dpgcheck.bundle import archive as archive_module
from tests.conftest import ROOT, run_dpgcheck


def _refused(path):
    result = run_dpgcheck("check", ROOT / "examples" / "compliant", "--bundle", path)
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    return result.stderr.strip()


@pytest.mark.parametrize(("kind", "label"), [(tarfile.CHRTYPE, "char device"), (tarfile.BLKTYPE, "block device"), (tarfile.FIFOTYPE, "fifo")])
def test_device_and_fifo_entries_are_refused(tmp_path, kind, label):
    path = tmp_path / "dev.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("data.json")
        info.type = kind
        tar.addfile(info)
    assert _refused(path).endswith("bundle archive entry 'data.json' is not a regular file or directory; refused")


def test_an_oversize_entry_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.tar.gz"
    data = b" " * (archive_module.MAX_ENTRY_BYTES + 1)
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("data.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    assert _refused(path).endswith(f"bundle archive entry 'data.json' is larger than {archive_module.MAX_ENTRY_BYTES} bytes; refused")


def test_a_gzip_bomb_stops_at_the_decompression_limit(tmp_path, monkeypatch):
    """A stream that inflates far past the limit, whatever its tar headers claim."""
    monkeypatch.setattr(archive_module, "_STREAM_LIMIT", 2 * 1024 * 1024)
    path = tmp_path / "bomb.tar.gz"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for i in range(8):
            data = b"\0" * (1024 * 1024)
            info = tarfile.TarInfo(f"x{i}.rego")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    compressed = gzip.compress(buffer.getvalue())
    assert len(compressed) < 64 * 1024  # more than 100 times smaller than what it inflates to
    path.write_bytes(compressed)
    assert _refused(path).endswith("bundle archive decompresses to more than 2097152 bytes (a gzip bomb?); refused")


def test_the_total_size_limit_holds_over_many_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_TOTAL_BYTES", 3000)
    path = tmp_path / "many.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for i in range(4):
            info = tarfile.TarInfo(f"p{i}/data.json")
            info.size = 1000
            tar.addfile(info, io.BytesIO(b" " * 1000))
    assert _refused(path).endswith("bundle archive unpacks to more than 3000 bytes; refused")

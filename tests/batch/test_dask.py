"""The Dask executor on a real distributed.LocalCluster gives the local executor's lines, byte for byte."""
from __future__ import annotations

import json

import pytest

from tests.batch.helpers import NOW, REGISTRY, batch, raw_lines
from tests.batch.repos import generate

distributed = pytest.importorskip("distributed", reason="the dask extra (distributed) is not installed")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("dask-scratch")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  local_directory=str(scratch), silence_logs=50) as running:
        yield running


@pytest.mark.slow
def test_dask_and_local_executors_write_the_same_lines(cluster, tmp_path):
    repos = generate(tmp_path / "checkouts", 24)
    source = repos[0]
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{r}\n" for r in repos) + f"file://{source}\n-bad\n{tmp_path}/missing\n")
    local = tmp_path / "local.ndjson"
    assert batch(listing, "-o", local, "-j", "2", "--now", NOW, "--cache-dir", tmp_path / "cache").returncode == 0
    on_dask = tmp_path / "dask.ndjson"
    result = batch(listing, "-o", on_dask, "--executor", "dask", "--scheduler", cluster.scheduler_address, "--now", NOW,
                   "--cache-dir", tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert len(raw_lines(local)) == 27
    assert sorted(raw_lines(on_dask)) == sorted(raw_lines(local))
    statuses = sorted(json.loads(line)["status"] for line in raw_lines(on_dask))
    assert statuses == ["error"] * 2 + ["ok"] * 25
    # And the registry records, with their profile.
    records_local, records_dask = tmp_path / "rl.ndjson", tmp_path / "rd.ndjson"
    assert batch("--records", REGISTRY, "--shard", "2/5", "-o", records_local, "-j", "2", "--now", NOW).returncode == 0
    assert batch("--records", REGISTRY, "--shard", "2/5", "-o", records_dask, "--executor", "dask",
                 "--scheduler", cluster.scheduler_address, "--now", NOW).returncode == 0
    assert sorted(raw_lines(records_dask)) == sorted(raw_lines(records_local)) and len(raw_lines(records_local)) > 30


def test_dask_needs_a_scheduler_and_a_reachable_one(tmp_path):
    result = batch("--records", REGISTRY, "--executor", "dask", "-o", tmp_path / "x.ndjson")
    assert result.returncode == 2 and "--scheduler ADDRESS" in result.stderr
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    import dask

    # The CLI runs in this process, where Dask read its configuration at import: the environment
    # variable alone would leave the 30 s default connect timeout.
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = batch("--records", REGISTRY, "--executor", "dask", "--scheduler", f"tcp://127.0.0.1:{port}", "-o", tmp_path / "y.ndjson",
                       timeout=120, env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"})
    assert result.returncode == 2 and "cannot reach the Dask scheduler" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_rule_that_never_ends_is_stopped_on_dask_as_on_the_local_executor(cluster, tmp_path):
    """Dask runs tasks in worker threads: the engine child there is spawned, and keeps the same budget."""
    from tests.hostile.helpers import write_rule_bundle
    from tests.hostile.test_policies import SLOW

    bundle = write_rule_bundle(tmp_path / "gov", "slow", SLOW)
    listing = tmp_path / "list.txt"
    listing.write_text(f"{generate(tmp_path / 'checkouts', 1)[0]}\n")
    common = ("--bundle", bundle, "--eval-timeout", "0.5", "--now", NOW)
    local, on_dask = tmp_path / "local.ndjson", tmp_path / "dask.ndjson"
    assert batch(listing, "-o", local, "-j", "1", *common).returncode == 0
    result = batch(listing, "-o", on_dask, "--executor", "dask", "--scheduler", cluster.scheduler_address, *common)
    assert result.returncode == 0, result.stderr
    assert raw_lines(on_dask) == raw_lines(local)
    (line,) = [json.loads(text) for text in raw_lines(on_dask)]
    assert line["status"] == "error"
    assert line["error"].endswith("policy evaluation ran past its time budget of 0.5 s in rule hostile.slow; "
                                  "fix the rule or give a larger budget (--eval-timeout, --eval-memory)")

"""`dpgcheck batch` end to end: the real CLI over real repositories, records and git URLs."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dpgcheck.batch import targets as targets_module
from dpgcheck.batch.pool import LocalPool
from dpgcheck.batch.targets import Target
from dpgcheck.batch.worker import BatchConfig
from dpgcheck.evaluate import RunOptions
from tests.batch.helpers import NOW, REGISTRY, batch, by_target, raw_lines, read_lines
from tests.batch.repos import generate
from tests.conftest import GIT_ENV, git, run_json


@pytest.fixture(scope="module")
def many_repos(tmp_path_factory) -> list[Path]:
    return generate(tmp_path_factory.mktemp("many") / "checkouts", 200)


@pytest.fixture(scope="module")
def registry_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("registry") / "registry.ndjson"
    result = batch("--records", REGISTRY, "-o", out, "-j", "2", "--now", NOW)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def two_hundred_run(many_repos, tmp_path_factory):
    """``dpgcheck batch --dir`` over the 200 repositories: its result and its results file."""
    out = tmp_path_factory.mktemp("two-hundred") / "results.ndjson"
    return batch("--dir", many_repos[0].parent, "-o", out, "-j", "2", "--now", NOW), out


@pytest.mark.slow
def test_two_hundred_generated_repositories(many_repos, two_hundred_run):
    result, out = two_hundred_run
    assert result.returncode == 0, result.stderr
    # Not a terminal: no progress bar, only the one summary line.
    assert result.stderr.count("\n") == 1 and "\x1b[" not in result.stderr
    assert result.stderr.startswith("dpgcheck batch: 200 targets in ") and "(200 ok)" in result.stderr
    lines = by_target(out)
    assert sorted(lines) == [str(r) for r in many_repos]
    for repo in (many_repos[0], many_repos[7], many_repos[12]):
        line = lines[str(repo)]
        assert line["commit"] == git(repo, "rev-parse", "HEAD").strip()
        assert (line["status"], line["kind"], line["clock"], line["facts_version"]) == ("ok", "path", NOW, "3.0")
        assert line["facts_hash"].startswith("sha256:") and line["bundle_revision"].startswith("0.1.0 (")
        # The same decision as `dpgcheck check` gives for that repository alone.
        code, report = run_json("check", repo, "--format", "json", "--now", NOW)
        decision = line["decision"]
        assert (line["facts_version"], line["bundle_revision"], line["bundles"]) == (
            report["facts_version"], report["policy"]["revision"], report["policy"]["bundles"])
        assert (decision["verdict"], decision["indicators"], decision["findings"], decision["summary"]) == (
            report["verdict"], report["indicators"], without_ids(report["findings"]), report["summary"])
        assert {rule: r["status"] for rule, r in decision["rules"].items()} == {rule: r["status"] for rule, r in report["rules"].items()}
    # The repositories differ, and so do their decisions.
    assert len({json.dumps(line["decision"]["findings"]) for line in lines.values()}) > 5


def without_ids(findings):
    """A report's findings without the stable ids the report adds (a result line carries the decision's findings)."""
    return [{key: value for key, value in finding.items() if key != "id"} for finding in findings]


def test_each_worker_loads_the_policies_once(many_repos):
    pool = LocalPool(2, BatchConfig(run=RunOptions(now=NOW)))
    lines = [json.loads(line) for line in pool.run([Target(str(r), "path", path=str(r)) for r in many_repos[:30]])]
    assert len(lines) == 30 and {line["status"] for line in lines} == {"ok"}
    assert pool.stats.policy_loads == [1, 1]
    assert len(pool.stats.worker_peak_rss_kib) == 2 and all(kib > 10_000 for kib in pool.stats.worker_peak_rss_kib)


@pytest.mark.slow
def test_the_whole_registry_snapshot(registry_run):
    lines = by_target(registry_run)
    targets = targets_module.records_in(REGISTRY)
    # 228 nominee records, 164 with their screening record, 2 screening records without a nominee: 394 records.
    nominees = [t for t in targets if t.kind == "record"]
    assert (len(nominees), len([t for t in nominees if t.screening]), len(targets) - len(nominees)) == (228, 164, 2)
    assert len(lines) == 230 and sorted(lines) == sorted(t.id for t in targets)
    orphans = {t: line["error"] for t, line in lines.items() if line["status"] != "ok"}
    assert orphans == {
        f"record:{name}": "screening record without a nominee record of the same name; it cannot be judged alone"
        for name in ("public-utility-data-liberation-project", "yallakhedmeh")
    }
    judged = [line for line in lines.values() if line["status"] == "ok"]
    assert {line["profile"] for line in judged} == {"dpg-standard"} and {line["commit"] for line in judged} == {None}
    # As tests/dpg/test_corpus.py found record by record: 125 DPG-stage and 2 nominee-stage records pass.
    passing = sorted(line["target"] for line in judged if line["decision"]["verdict"] == "pass")
    assert len(passing) == 127 and "record:project-konko" in passing and "record:starhealth" in passing
    assert lines["record:kolibri"]["decision"]["indicators"]["9b"] == "fail"


def _some_records(folder: Path, count: int) -> Path:
    """A registry folder with the first COUNT nominee records, their screening records and one orphan screening record."""
    names = sorted(p.stem for p in (REGISTRY / "nominees").glob("*.json"))[:count]
    screenings = {p.stem for p in (REGISTRY / "digitalpublicgoods").glob("*.json")}
    for kind in ("nominees", "digitalpublicgoods"):
        (folder / kind).mkdir(parents=True)
    for name in names:
        (folder / "nominees" / f"{name}.json").write_bytes((REGISTRY / "nominees" / f"{name}.json").read_bytes())
        if name in screenings:
            (folder / "digitalpublicgoods" / f"{name}.json").write_bytes((REGISTRY / "digitalpublicgoods" / f"{name}.json").read_bytes())
    orphan = "yallakhedmeh"
    (folder / "digitalpublicgoods" / f"{orphan}.json").write_bytes((REGISTRY / "digitalpublicgoods" / f"{orphan}.json").read_bytes())
    return folder


@pytest.mark.slow
def test_shards_split_the_list_without_overlap(tmp_path):
    records = _some_records(tmp_path / "records", 45)
    unsharded = tmp_path / "whole.ndjson"
    assert batch("--records", records, "-o", unsharded, "-j", "2", "--now", NOW).returncode == 0
    whole = set(raw_lines(unsharded))
    assert len(whole) == 46
    seen: list[set[str]] = []
    for index in (1, 2, 3):
        out = tmp_path / f"shard{index}.ndjson"
        result = batch("--records", records, "--shard", f"{index}/3", "-o", out, "-j", "1", "--now", NOW)
        assert result.returncode == 0, result.stderr
        seen.append(set(raw_lines(out)))
    assert all(len(s) > 5 for s in seen)
    assert not (seen[0] & seen[1]) and not (seen[0] & seen[2]) and not (seen[1] & seen[2])
    assert seen[0] | seen[1] | seen[2] == whole  # byte for byte the lines of the unsharded run
    for index in (1, 2, 3):
        assert sorted(json.loads(line)["target"] for line in seen[index - 1]) == sorted(
            t.id for t in targets_module.records_in(records) if targets_module.shard_of(t.id, 3) == index)


def test_bad_shard_values_are_usage_errors(tmp_path):
    for value in ("0/3", "4/3", "x", "1/0", "2"):
        result = batch("--records", REGISTRY, "--shard", value, "-o", tmp_path / "x.ndjson", in_process=True)  # refused before any worker starts
        assert result.returncode == 2 and "--shard" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_kill_9_then_resume_loses_nothing_and_repeats_nothing(many_repos, two_hundred_run, tmp_path):
    listing = tmp_path / "list.txt"
    chosen = many_repos[:40]
    listing.write_text("".join(f"{r}\n" for r in chosen))
    # The uninterrupted run's lines for these 40: those of the run over all 200 (a target's line
    # does not depend on the other targets of its batch, nor on how they were listed).
    assert two_hundred_run[0].returncode == 0, two_hundred_run[0].stderr
    reference = tmp_path / "reference.ndjson"
    wanted = {str(r) for r in chosen}
    reference.write_text("".join(f"{line}\n" for line in raw_lines(two_hundred_run[1]) if json.loads(line)["target"] in wanted))
    assert len(raw_lines(reference)) == 40
    out = tmp_path / "results.ndjson"
    process = subprocess.Popen([sys.executable, "-m", "dpgcheck", "batch", str(listing), "-o", str(out), "-j", "2", "--now", NOW],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **GIT_ENV}, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 10):
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    before = out.read_bytes()
    assert 10 <= before.count(b"\n") < 40
    # A kill in the middle of a write leaves a torn last line: simulate one (half the next line).
    torn = next(line for line in raw_lines(reference) if line.encode() not in before)
    with out.open("ab") as handle:
        handle.write(torn.encode()[: len(torn) // 2])
    # Resumed without --now: the run's own clock is kept.
    result = batch(listing, "-o", out, "-j", "2", "--resume")
    assert result.returncode == 0, result.stderr
    after = raw_lines(out)
    assert len(after) == 40 and len({json.loads(line)["target"] for line in after}) == 40
    assert sorted(after) == sorted(raw_lines(reference))  # the same bytes as an uninterrupted run
    assert out.read_bytes().startswith(before[: before.rfind(b"\n") + 1])  # the finished lines were kept, not redone
    # Resuming a finished run does nothing.
    again = batch(listing, "-o", out, "--resume")
    assert again.returncode == 0 and "0 targets" in again.stderr and len(raw_lines(out)) == 40


def test_an_existing_results_file_needs_resume(many_repos, tmp_path):
    out = tmp_path / "results.ndjson"
    out.write_text('{"target":"x","status":"ok"}\n')
    # (refused before any worker starts: the click command in this process)
    result = batch("--dir", many_repos[0].parent, "-o", out, in_process=True)
    assert result.returncode == 2 and "pass --resume" in result.stderr
    out.write_text("not json\n")
    result = batch("--dir", many_repos[0].parent, "-o", out, "--resume", in_process=True)
    assert result.returncode == 2 and "line 1 is not JSON" in result.stderr
    out.write_text('{"target":"x","status":"ok","clock":"2026-01-01T00:00:00Z"}\n')
    result = batch("--dir", many_repos[0].parent, "-o", out, "--resume", "--now", NOW, in_process=True)
    assert result.returncode == 2 and "resume with the same clock" in result.stderr


def _hanging_server() -> tuple[socket.socket, int]:
    """A loopback TCP server that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return server, server.getsockname()[1]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _block_git_on_a_fifo(repo: Path) -> None:
    """Make the branch HEAD names a named pipe: git blocks reading it, until dpgcheck's own git timeout (60 s).

    (A FIFO as .git/HEAD no longer does: dpgcheck refuses that one before git runs.)
    """
    os.mkfifo(repo / ".git" / "refs" / "heads" / "main")


def test_hanging_targets_are_timeout_rows_and_the_batch_goes_on(many_repos, tmp_path):
    hanging = tmp_path / "hanging"
    hanging.mkdir()
    git(hanging, "init", "-q", "-b", "main")
    (hanging / "README.md").write_text("# waits\n")
    _block_git_on_a_fifo(hanging)
    server, port = _hanging_server()
    try:
        listing = tmp_path / "list.txt"
        listing.write_text(f"{hanging}\nhttps://127.0.0.1:{port}/silent.git\n{many_repos[0]}\n")
        out = tmp_path / "results.ndjson"
        started = time.monotonic()
        result = batch(listing, "-o", out, "--cache-dir", tmp_path / "cache", "-j", "2", "--timeout", "3", "--now", NOW)
        elapsed = time.monotonic() - started
    finally:
        server.close()
    assert result.returncode == 0, result.stderr
    lines = by_target(out)
    for target in (str(hanging), f"https://127.0.0.1:{port}/silent.git"):
        assert (lines[target]["status"], lines[target]["error"]) == ("timeout", "gave no result within the 3 s timeout (--timeout)")
        assert lines[target]["decision"] is None
    assert lines[str(many_repos[0])]["status"] == "ok"
    assert elapsed < 60
    assert not list((tmp_path / "cache").glob(".silent*"))  # the cut-short clone was cleaned up


def test_unreachable_and_refused_urls_are_error_rows(many_repos, tmp_path):
    port = _closed_port()
    pwned = tmp_path / "pwned"
    listing = tmp_path / "list.txt"
    entries = [
        f"https://127.0.0.1:{port}/nobody.git",
        f"ssh://git@127.0.0.1:{port}/nobody.git",
        f"--upload-pack=touch {pwned}",
        f"-u touch {pwned}",
        f"ssh://-oProxyCommand=touch%20{pwned}/x",
        "ext::sh -c touch% /tmp/dpgcheck-pwned",
        f"file://otherhost{many_repos[1]}",  # a file:// URL naming another machine
        str(tmp_path / "no-such-checkout"),
        str(many_repos[2]),
    ]
    listing.write_text("\n".join(entries) + "\n")
    out = tmp_path / "results.ndjson"
    result = batch(listing, "-o", out, "--cache-dir", tmp_path / "cache", "-j", "2", "--now", NOW, "--timeout", "60")
    assert result.returncode == 0, result.stderr
    lines = by_target(out)
    assert len(lines) == len(entries)
    errors = {target: line["error"] for target, line in lines.items() if line["status"] == "error"}
    assert "Could" in errors[entries[0]] and "connect" in errors[entries[0]]
    assert errors[entries[1]].startswith("git clone failed:")
    for dashed in entries[2:4]:
        assert errors[dashed] == "a target may not begin with '-' (it would be read as a git option)"
    assert errors[entries[4]] == "the URL has no valid host name"
    assert errors[entries[5]] == "a URL may not contain white space or control characters"
    assert errors[entries[6]] == "a file:// URL names a file on this machine: write file:///absolute/path"
    assert errors[entries[7]].endswith("no such directory; give the path of a repository checkout")
    assert lines[entries[8]]["status"] == "ok"
    assert not pwned.exists() and not Path("/tmp/dpgcheck-pwned").exists()


def test_urls_without_a_cache_dir_are_error_rows(tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text("https://example.org/x.git\n")
    result = batch(listing, "--now", NOW)
    assert result.returncode == 0
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert (line["status"], line["error"]) == ("error", "git URLs need --cache-dir DIR to clone into")


def test_file_urls_are_cloned_once_then_updated(many_repos, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "README.md").write_text("# one\n")
    git(source, "init", "-q", "-b", "main")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "one")
    hook = source / ".git" / "hooks" / "post-checkout"
    hook.write_text(f"#!/bin/sh\ntouch {tmp_path}/hook-ran\n")
    hook.chmod(0o755)
    url = f"file://{source}"
    listing = tmp_path / "list.txt"
    listing.write_text(url + "\n")
    cache = tmp_path / "cache"
    first = tmp_path / "first.ndjson"
    assert batch(listing, "-o", first, "--cache-dir", cache, "--depth", "1", "--now", NOW).returncode == 0
    (clone,) = [p for p in cache.iterdir()]
    assert clone.name.startswith("source-") and read_lines(first)[0]["commit"] == git(source, "rev-parse", "HEAD").strip()
    (source / "LICENSE").write_text("MIT License\n")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "two")
    second = tmp_path / "second.ndjson"
    assert batch(listing, "-o", second, "--cache-dir", cache, "--depth", "1", "--now", NOW).returncode == 0
    assert [p for p in cache.iterdir()] == [clone]
    assert read_lines(second)[0]["commit"] == git(source, "rev-parse", "HEAD").strip()
    assert (clone / "LICENSE").exists() and git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    assert not (tmp_path / "hook-ran").exists()


def test_a_repository_with_a_broken_object(many_repos, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "README.md").write_text("# broken\n")
    git(broken, "init", "-q", "-b", "main")
    git(broken, "add", "-A")
    git(broken, "commit", "-q", "-m", "one")
    blob = git(broken, "rev-parse", "HEAD:README.md").strip()
    stored = broken / ".git" / "objects" / blob[:2] / blob[2:]
    stored.chmod(0o644)
    stored.write_bytes(b"not a zlib stream")
    listing = tmp_path / "list.txt"
    listing.write_text(f"{broken}\nfile://{broken}\n{many_repos[3]}\n")
    out = tmp_path / "results.ndjson"
    result = batch(listing, "-o", out, "--cache-dir", tmp_path / "cache", "--now", NOW, "-j", "2")
    assert result.returncode == 0, result.stderr
    lines = by_target(out)
    # The checkout is judged from its work tree; cloning it fails on the corrupt object.
    assert lines[str(broken)]["status"] == "ok" and lines[str(broken)]["commit"] == git(broken, "rev-parse", "HEAD").strip()
    clone = lines[f"file://{broken}"]
    # (git's first line of complaint varies with timing: the inflate error, or the pack it could not finish)
    assert clone["status"] == "error" and clone["error"].startswith("git clone failed:") and clone["decision"] is None
    assert lines[str(many_repos[3])]["status"] == "ok"
    assert not [p for p in (tmp_path / "cache").iterdir()]  # no half clone left behind


def test_targets_must_be_given(tmp_path):
    result = batch("-o", tmp_path / "x.ndjson")
    assert result.returncode == 2 and "give targets" in result.stderr
    result = batch(tmp_path / "missing.txt")
    assert result.returncode == 2 and "no such list file" in result.stderr
    (tmp_path / "bin.txt").write_bytes(b"\0\1\2")
    result = batch(tmp_path / "bin.txt")
    assert result.returncode == 2 and "binary" in result.stderr


def test_a_progress_bar_on_a_terminal(tmp_path):
    import pty

    records = tmp_path / "records"
    records.mkdir()
    for name in ("kolibri", "zamba", "h5p"):
        (records / f"{name}.json").write_bytes((REGISTRY / "nominees" / f"{name}.json").read_bytes())
    master, slave = pty.openpty()
    try:
        process = subprocess.run([sys.executable, "-m", "dpgcheck", "batch", "--records", str(records), "-o", str(tmp_path / "o.ndjson"),
                                  "-j", "1", "--now", NOW], stderr=slave, stdout=subprocess.DEVNULL, timeout=120)
        os.close(slave)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(master)
    assert process.returncode == 0
    text = shown.decode("utf-8", "replace")
    assert "3/3" in text and "targets/s" in text and "0 errors" in text and "ETA" in text


def test_a_worker_that_dies_is_an_error_row_and_is_replaced(many_repos, tmp_path):
    hanging = tmp_path / "hanging"
    hanging.mkdir()
    git(hanging, "init", "-q", "-b", "main")
    _block_git_on_a_fifo(hanging)
    pool = LocalPool(1, BatchConfig(run=RunOptions(now=NOW), timeout=60))
    lines = pool.run([Target(str(hanging), "path", path=str(hanging)), *(Target(str(r), "path", path=str(r)) for r in many_repos[:3])])
    def kill_the_busy_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            workers = list(pool._workers)
            if workers and workers[0].target is not None and workers[0].target.id == str(hanging):
                time.sleep(0.5)  # it is blocked on the FIFO by now
                os.kill(workers[0].process.pid, signal.SIGKILL)
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_busy_worker, daemon=True)
    killer.start()
    found = [json.loads(line) for line in lines]
    killer.join(5)
    assert [(x["target"], x["status"]) for x in found] == [(str(hanging), "error")] + [(str(r), "ok") for r in many_repos[:3]]
    assert found[0]["error"] == "the worker process died (exit code -9)"
    assert pool.stats.workers_replaced == 1
    # The worker's git, blocked on the FIFO, went with it (the worker's process group was killed).
    time.sleep(0.5)
    assert str(hanging) not in subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout


def test_a_government_bundle_and_profile_apply_to_the_whole_batch(many_repos, tmp_path):
    from tests.bundle.test_bundles import write_overlay

    overlay = write_overlay(tmp_path / "gov")
    listing = tmp_path / "list.txt"
    listing.write_text(f"{many_repos[0]}\n{many_repos[1]}\n")
    out = tmp_path / "results.ndjson"
    result = batch(listing, "-o", out, "--bundle", overlay, "--profile", "national", "--severity", "readme=info", "--now", NOW, "-j", "1")
    assert result.returncode == 0, result.stderr
    for line in read_lines(out):
        assert line["profile"] == "national" and line["bundle_revision"].startswith("0.1.0+gov-2026.1 (")
        assert line["bundles"] == ["dpgcheck", "gov"]  # the bundles' labels, as `dpgcheck check` reports them
        assert line["options"] == {"now": NOW, "profile": "national", "severity": {"readme": "info"}}
        # The overlay's rule, in its bundle's namespace (metadata.namespace in its .manifest).
        assert sorted(line["decision"]["rules"]) == ["license-file", "national.contact-point", "readme"]
        code, report = run_json("check", line["target"], "--bundle", overlay, "--profile", "national", "--severity", "readme=info",
                                "--format", "json", "--now", NOW)
        assert (line["decision"]["verdict"], line["decision"]["findings"]) == (report["verdict"], without_ids(report["findings"]))
        assert "national.contact-point" in {f["rule_id"] for f in line["decision"]["findings"]}


def test_names_that_are_not_utf8_keep_the_results_file_valid(many_repos, tmp_path):
    folder = tmp_path / "checkouts"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"caf\xe9")
    os.mkdir(odd)
    (folder / "soci\u00e9t\u00e9").mkdir()
    out = tmp_path / "results.ndjson"
    result = batch("--dir", folder, "-o", out, "--now", NOW, "-j", "1")
    assert result.returncode == 0, result.stderr
    data = out.read_bytes().decode("utf-8")  # valid UTF-8 throughout
    targets = sorted(json.loads(line)["target"] for line in data.splitlines())
    assert targets == sorted([os.fsdecode(odd), str(folder / "soci\u00e9t\u00e9")])
    assert "soci\u00e9t\u00e9" in data  # readable where it can be
    report = run_dpgcheck_report(out)
    assert report.returncode == 0 and "caf\\xe9" in report.stdout


def run_dpgcheck_report(path: Path):
    from tests.conftest import run_dpgcheck

    return run_dpgcheck("batch", "report", path, "--format", "markdown")


def test_a_pool_forks_its_workers_only_from_a_process_without_other_threads():
    from dpgcheck.batch.pool import _context

    alone = subprocess.run([sys.executable, "-c", "from dpgcheck.batch.pool import _context; print(_context('regorus').get_start_method())"],
                           capture_output=True, text=True, check=True)
    assert alone.stdout == "fork\n"
    stop = threading.Event()
    bystander = threading.Thread(target=stop.wait, daemon=True)
    bystander.start()
    try:
        assert _context("regorus").get_start_method() == "spawn"
    finally:
        stop.set()
        bystander.join()
    assert _context("opa-go").get_start_method() == "spawn"  # a Go runtime does not survive fork

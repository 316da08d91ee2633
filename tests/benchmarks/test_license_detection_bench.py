"""Speed and accuracy of licence detection on the corpus. Run on demand:

    python -m pytest tests/benchmarks/test_license_detection_bench.py -s

Prints figures; asserts accuracy (exact answers) but nothing about time (machines differ).
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from dpgcheck.licensing import detect as detect_module

CORPUS = Path(__file__).resolve().parent.parent / "licensing" / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def test_cold_start_cost() -> None:
    """Import plus first call, in a fresh interpreter (what a pre-commit run pays once)."""
    code = (
        "import time; t=time.perf_counter();"
        "from dpgcheck.licensing.detect import detect;"
        "i=time.perf_counter(); detect(open(%r).read()); f=time.perf_counter();"
        "print(f'{(i-t)*1000:.0f} {(f-i)*1000:.0f}')"
    ) % str(CORPUS / "files" / "mit.pytest.txt")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    print(f"\nimport dpgcheck.licensing.detect: {out[0]} ms; first detect() (loads licenseclassifier's scanner): {out[1]} ms")


def test_throughput_and_accuracy() -> None:
    texts = {n: (CORPUS / "files" / n).read_text(encoding="utf-8") for n in sorted(EXPECTED["files"])}
    detect_module._detect("warm up")
    per_file: dict[str, float] = {}
    right = wrong = missed = 0
    for name, text in texts.items():
        started = time.perf_counter()
        result = detect_module._detect(text)  # uncached
        per_file[name] = time.perf_counter() - started
        expected = EXPECTED["files"][name]
        if (result["spdx_id"], result["match"]) == (expected["spdx_id"], expected["match"]):
            right += 1
        elif result["spdx_id"] is None:
            missed += 1
        else:
            wrong += 1
    times = sorted(per_file.values())
    total = sum(times)
    print(f"\n{len(texts)} files: {total * 1000:.0f} ms in all, mean {total / len(texts) * 1000:.1f} ms, "
          f"median {statistics.median(times) * 1000:.1f} ms, max {times[-1] * 1000:.0f} ms "
          f"({max(per_file, key=per_file.get)})")
    print(f"right {right}, wrong {wrong}, missed {missed}")
    slowest = sorted(per_file.items(), key=lambda kv: -kv[1])[:5]
    print("slowest: " + ", ".join(f"{n} {t * 1000:.0f} ms" for n, t in slowest))
    for text in texts.values():
        detect_module.detect(text)
    started = time.perf_counter()
    for text in texts.values():
        detect_module.detect(text)
    print(f"cached second pass: {(time.perf_counter() - started) * 1000:.1f} ms for all")
    assert (wrong, missed) == (0, 0)

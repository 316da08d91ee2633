"""The Dask executor: the same audit function, scheduled by dask.distributed.

Dask does the scheduling, data movement and worker management; dpgcheck only
submits one task per target (a bounded window of them, so a list of a million
targets does not sit in the scheduler at once) and gathers the lines as they
complete. Each Dask worker process loads the policies once (the engine is
cached in :mod:`dpgcheck.batch.worker`) and reuses them for every task.

The per-target timeout is applied to git (clone, fetch) on Dask workers; Dask
tasks run in worker threads, where the local executor's alarm cannot be used. The
evaluation budget is kept as on the local executor: each task thread has an engine
child of its own (see dpgcheck.batch.worker._engine).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from dpgcheck.batch.targets import Target
from dpgcheck.batch.worker import BatchConfig, audit, error_line
from dpgcheck.errors import DpgcheckError

#: Tasks in flight per worker thread.
WINDOW_PER_THREAD = 4


def _client(scheduler: str | Any) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise DpgcheckError("--executor dask needs the Dask extra: pip install 'dpgcheck[dask]'") from None
    if not isinstance(scheduler, str):
        return Client(scheduler)  # a cluster object (tests: distributed.LocalCluster)
    try:
        return Client(scheduler)  # connect timeout: Dask's distributed.comm.timeouts.connect (default 30 s)
    except (OSError, TimeoutError) as exc:
        raise DpgcheckError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None


def run_on_dask(targets: Iterable[Target], config: BatchConfig, scheduler: str | Any) -> Iterator[str]:
    from distributed import as_completed

    client = _client(scheduler)
    try:
        threads = sum(client.nthreads().values()) or 1
        pending = iter(targets)
        owner: dict[str, Target] = {}

        def submit() -> Any | None:
            target = next(pending, None)
            if target is None:
                return None
            future = client.submit(audit, target, config, pure=False, retries=0)
            owner[future.key] = target
            return future

        first = [f for f in (submit() for _ in range(threads * WINDOW_PER_THREAD)) if f is not None]
        completed = as_completed(first)
        for future in completed:
            target = owner.pop(future.key)
            if future.status == "finished":
                yield future.result()
            else:
                try:
                    future.result()
                    message = f"the Dask task ended as {future.status}"
                except Exception as exc:  # noqa: BLE001 - e.g. a worker lost three times
                    message = f"the Dask task failed: {type(exc).__name__}: {str(exc)[:300]}"
                yield error_line(target, config, "error", message)
            future.release()
            following = submit()
            if following is not None:
                completed.add(following)
    finally:
        client.close()

"""dpgcheck facts: print the facts document the policies read."""
from __future__ import annotations

import json
from pathlib import Path

from dpgcheck.collect.options import CollectOptions
from dpgcheck.errors import EXIT_PASS, DpgcheckError
from dpgcheck.output import write_output


def facts(path: Path | None, record: Path | None, screening: Path | None, options: CollectOptions, output: Path | None,
          bundles: tuple[Path, ...] = ()) -> int:
    if record is not None:
        from dpgcheck.collect.record import collect_record

        document = collect_record(record, screening)
    elif screening is not None:
        raise DpgcheckError("--screening needs --record NOMINEE.json as well")
    else:
        import dataclasses

        from dpgcheck.bundle.windows import bundle_window_days
        from dpgcheck.collect.facts import collect_repository

        # The history windows the built-in bundle and the given overlays name (their data only).
        options = dataclasses.replace(options, history_windows=bundle_window_days(bundles))
        document = collect_repository(path or Path("."), options)
    write_output(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False), output)
    return EXIT_PASS

"""The Burundi validation of docs/burundi.md §5, on its own (``ssrsim validate`` runs it in its report).

    python experiments/burundi/validation.py [--size full] [--workers 2] [--out validation/burundi]

Writes ``burundi.md`` (the checks, stated before the runs, with their results), its tables
(``burundi_checks.csv``, ``burundi_differences.csv``, ``burundi_replicates.csv``), the
strategies' decision files, ``burundi_manifest.json`` and ``figures/``. The full size takes
about 6 minutes on 2 cores (12 on one); the fast size under a minute.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def main() -> None:
    from ssrsim.validation.burundi import SIZES, run_burundi, save

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=list(SIZES), default="full")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("validation/burundi"))
    opts = parser.parse_args()
    result = run_burundi(opts.size, opts.workers, progress=lambda line: print(line, flush=True))
    for path in save(result, opts.out):
        print(path)


if __name__ == "__main__":
    main()

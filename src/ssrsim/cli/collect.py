"""``ssrsim collect DIR``: build a sweep folder's tables from its finished jobs."""

from __future__ import annotations

from . import fail, sweep_folder, user_errors


def main(argv: list[str]) -> None:
    args = sweep_folder("ssrsim collect", "Build sweep.parquet, sweep.csv, sweep_confidence.parquet and "
                        "manifest.json from the finished jobs of a sweep folder (made by ssrsim run -m).", argv,
                        partial=True)
    from ..sweeps.collect import collect
    from ..sweeps.study import ROWS_TABLE, STUDY_TABLE, collect_study, is_study

    if is_study(args.folder):  # a sensitivity study's blocks (its unfinished blocks are named)
        with user_errors():
            rows = collect_study(args.folder)
        print(f"{int(rows['runs'].sum())} runs of {len(rows)} design rows collected into "
              f"{args.folder / STUDY_TABLE} (and {ROWS_TABLE})")
        return
    try:
        with user_errors():
            table = collect(args.folder, partial=args.partial)
    except FileNotFoundError as e:
        fail(str(e))
    print(f"{len(table)} jobs collected into {args.folder / 'sweep.parquet'}")

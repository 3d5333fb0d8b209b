"""``ssrsim discover DIR``: scenario discovery (PRIM) on a study or sweep folder."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from . import fail, user_errors

USAGE = """ssrsim discover DIR --outcome NAME (--above T | --below T) [--density D] [--boxes N] [--seed S]

  e.g. ssrsim discover multirun/sensitivity/morris-... --outcome war_relapse --above 0.4
       ssrsim discover DIR --outcome one_sided_deaths --above 500 --density 0.7
"""


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="ssrsim discover", usage=USAGE,
        description="Find the boxes of levers and uncertainties (PRIM) where an outcome of interest concentrates, "
                    "in a study folder (ssrsim sensitivity) or a sweep folder (ssrsim run -m): each box's coverage, "
                    "density and ranges in words, and the peeling trade-off figure, written into "
                    "DIR/discovery/<outcome>_<above|below>_<threshold>/. Needs the discovery extra.")
    parser.add_argument("folder", type=Path, metavar="DIR")
    parser.add_argument("--outcome", required=True,
                        help="a study: relapse, war_relapse (shares within 10 years), mean_public_confidence, "
                             "battle_deaths, one_sided_deaths; a sweep: a column of sweep.parquet (p_war_relapse_end, ...)")
    side = parser.add_mutually_exclusive_group(required=True)
    side.add_argument("--above", type=float, metavar="T", help="of interest: the outcome at or above T")
    side.add_argument("--below", type=float, metavar="T", help="of interest: the outcome at or below T")
    parser.add_argument("--density", type=float, default=0.6,
                        help="the least share of a box's scenarios of interest (default 0.6)")
    parser.add_argument("--boxes", type=int, default=3, help="at most this many boxes (default 3)")
    parser.add_argument("--peel-alpha", type=float, default=0.05, help="share peeled at each step (default 0.05)")
    parser.add_argument("--paste-alpha", type=float, default=0.05, help="share pasted back at each step (default 0.05)")
    parser.add_argument("--mass-min", type=float, default=0.05, help="a box's least share of all scenarios (default 0.05)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random halves that test each restriction")
    args = parser.parse_args(argv)
    for name in ("peel_alpha", "paste_alpha", "mass_min"):
        if not 0 < getattr(args, name) < 1:
            fail(f"--{name.replace('_', '-')} {getattr(args, name)}: a share, between 0 and 1")
    from ..sweeps.discovery import Question, discover, scenarios, write

    above = args.above is not None
    question = Question(args.outcome, args.above if above else args.below, above)
    with user_errors():
        found = scenarios(args.folder)
        print(f"discover: {len(found.x)} scenarios over {len(found.x.columns)} keys in {args.folder} ({found.kind})",
              file=sys.stderr, flush=True)
        result = discover(found, question, density=args.density, boxes=args.boxes, peel_alpha=args.peel_alpha,
                          paste_alpha=args.paste_alpha, mass_min=args.mass_min, seed=args.seed)
        out = write(found, result, "ssrsim discover " + shlex.join(argv))
    print(f"{result.of_interest} of {result.scenarios} scenarios with {question.words(found.meaning)}")
    print("\n".join(result.sentences) or f"no box reaches a density of {args.density:g} (see {out / 'tradeoff.png'})")
    print(f"discover: {', '.join(sorted(p.name for p in out.iterdir()))} in {out}")

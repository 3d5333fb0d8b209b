"""``ssrsim scenarios``: the shipped scenarios, each with its one-line description."""

from __future__ import annotations

import argparse


def main(argv: list[str]) -> None:
    argparse.ArgumentParser(prog="ssrsim scenarios", description="List the shipped scenarios "
                            "(configs/scenario/), each with its description; run one with "
                            "ssrsim run scenario=NAME.").parse_args(argv)
    from ..config.compose import scenario_descriptions

    described = scenario_descriptions()
    width = max(map(len, described))
    print("\n".join(f"{name:<{width}}  {text}".rstrip() for name, text in described.items()))

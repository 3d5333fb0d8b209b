"""``ssrsim scenarios``: the shipped scenarios, one name a line."""

from __future__ import annotations

import argparse


def main(argv: list[str]) -> None:
    argparse.ArgumentParser(prog="ssrsim scenarios", description="List the shipped scenarios "
                            "(configs/scenario/); run one with ssrsim run scenario=NAME.").parse_args(argv)
    from ..config.compose import scenarios

    print("\n".join(scenarios()))

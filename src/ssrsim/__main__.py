"""``python -m ssrsim``: the ``ssrsim`` command."""

from .cli import main

main()

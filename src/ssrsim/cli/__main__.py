"""``python -m ssrsim.cli``: the ``ssrsim`` command."""

from . import main

main()

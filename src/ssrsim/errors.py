"""User mistakes, told as a message instead of a traceback.

Shared by the command line and the sweep planner (``ssrsim.cli`` may run as ``__main__``, so the
exception class lives here, where there is only ever one copy of it).
"""

from __future__ import annotations

from contextlib import contextmanager


class UserError(Exception):
    """A mistake in the user's input: reported as a message, not a traceback."""


@contextmanager
def readable_errors():
    """Turn composition and validation errors into ``UserError`` with a readable message."""
    from hydra.errors import HydraException
    from omegaconf.errors import OmegaConfBaseException
    from pydantic import ValidationError
    from yaml import YAMLError

    from .config import Config
    from .results import FolderHasResults
    from .schema import explain

    try:
        yield
    except ValidationError as e:
        raise UserError("invalid configuration:\n" + explain(e, Config)) from None
    except (HydraException, OmegaConfBaseException, YAMLError, ValueError, FolderHasResults) as e:
        message = str(e).split("\nConfig search path:")[0].strip()  # the search path is noise here
        raise UserError(message) from None

"""User mistakes, told as a message instead of a traceback.

Every layer raises ``UserError`` for a mistake in what the user gave (a value out of range, an
unknown key, a folder that already holds results); the command line prints its message and exits
with status 2. ``readable_errors`` turns the errors of composition and validation into one.
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

    from .fields import explain
    from .schema import REMOVED_KEYS, Config

    try:
        yield
    except ValidationError as e:  # where the input is at hand, ``validated`` names list items as written
        raise UserError("invalid configuration:\n" + explain(e, Config, REMOVED_KEYS)) from None
    except (HydraException, OmegaConfBaseException, YAMLError, ValueError) as e:
        message = str(e).split("\nConfig search path:")[0].strip()  # the search path is noise here
        raise UserError(message) from None


def validated(model, data, removed: dict[str, str] | None = None):
    """``model.model_validate(data)``, or a ``UserError`` whose message names list items as
    ``data`` names them (``context.factions[cndd_fdd].fighters``)."""
    from pydantic import ValidationError

    from .fields import explain

    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise UserError("invalid configuration:\n" + explain(e, model, removed, data)) from None

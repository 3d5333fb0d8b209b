"""The configuration: what a user may set, with its ranges, units and sources, checked.

    schema           the root ``Config`` (levers, context, params, events, thresholds, calendar)
    levers, context, params    its three big parts
    fields           how a field is declared (``F``) and read back (ranges, readable errors)
    paths            dotted paths (``levers.ddr.reintegration_months``): get, set, flatten
    calendar         month labels ``YYYY-MM`` and month numbers
    errors           ``UserError``: a mistake told as a message, not a traceback
    compose          Hydra composition into a validated ``Config`` (the only Hydra import here)
    parameters_page  ``docs/parameters.md``, generated from the schema

Importing this package loads neither Hydra nor plotting code: the model core depends on it alone.
"""

from .context import SERVICES, Context
from .levers import Levers, apply_lever
from .params import CALIBRATED, Params
from .schema import EVENT_KINDS, Config, Event, defaults

__all__ = ["CALIBRATED", "EVENT_KINDS", "SERVICES", "Config", "Context", "Event", "Levers", "Params",
           "apply_lever", "defaults"]

"""The model core: actors, populations and the monthly step. Imports neither Hydra nor matplotlib."""

from .fighters import STATUSES, Status
from .model import SSRModel, replicate_rng

__all__ = ["SSRModel", "STATUSES", "Status", "replicate_rng"]

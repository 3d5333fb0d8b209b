"""The model core: actors, populations and the monthly step. Imports neither Hydra nor matplotlib.

    model        SSRModel: the monthly step, relapse, the run's tables
    government, forces, donors, oversight, spoilers   the Mesa agents
    fighters, ddr, citizens                          array-backed populations and the DDR programme
    provinces, events                                the province network and timed events
    outputs, benchmarks, record                      what a run reports, and its recording
    maths                                            bounded update rules
    MODEL_VERSION                                    the version of the mechanisms, in every manifest
"""

from .benchmarks import BENCHMARKS, Benchmark
from .donors import PROGRAMMES
from .fighters import STATUSES, Status
from .model import SSRModel, replicate_rng
from .outputs import CATALOGUE, Output

#: The version of the model's causal core (its mechanisms), recorded in every manifest beside the
#: package version: a config's numbers change with it, not with a release that changes only the
#: CLI or the docs. A name, not a quantity, hence a string.
MODEL_VERSION = "2"

__all__ = ["BENCHMARKS", "CATALOGUE", "PROGRAMMES", "STATUSES", "Benchmark", "Output", "SSRModel", "Status",
           "replicate_rng"]

"""The model core: actors, populations and the monthly step. Imports neither Hydra nor matplotlib.

    model        SSRModel: the monthly step, relapse, the run's tables
    government, forces, donors, oversight, spoilers   the Mesa agents
    fighters, ddr, citizens                          array-backed populations and the DDR programme
    provinces, events                                the province network and timed events
    outputs, benchmarks, record                      what a run reports, and its recording
    maths                                            bounded update rules
"""

from .benchmarks import BENCHMARKS, Benchmark
from .donors import PROGRAMMES
from .fighters import STATUSES, Status
from .model import SSRModel, replicate_rng
from .outputs import CATALOGUE, Output

__all__ = ["BENCHMARKS", "CATALOGUE", "PROGRAMMES", "STATUSES", "Benchmark", "Output", "SSRModel", "Status",
           "replicate_rng"]

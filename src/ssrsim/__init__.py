"""ssrsim: an agent-based simulator of security sector reform and DDR after civil war.

Python API (see README and docs/api.md)::

    import ssrsim
    cfg = ssrsim.compose("baseline", ["levers.political_will=0.3", "replicates=10"])
    results = ssrsim.simulate(cfg, workers=2)      # tables: results.timeseries, .summary, ...
    results.save("runs/low_will")
    again = ssrsim.load_run("runs/low_will")
    table = ssrsim.sweep(["levers.political_will=0.2,0.5,0.8", "replicates=20"], n_jobs=2)

Names are imported lazily so that ``import ssrsim.model`` (the model core) loads neither Hydra
nor matplotlib.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ssrsim")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

_API = {
    "Config": "ssrsim.config",
    "compose": "ssrsim.composition",
    "scenarios": "ssrsim.composition",
    "SSRModel": "ssrsim.model",
    "simulate": "ssrsim.runner",
    "run_replicate": "ssrsim.runner",
    "Results": "ssrsim.results",
    "load_run": "ssrsim.results",
    "sweep": "ssrsim.sweeps",
    "load_sweep": "ssrsim.collect",
}
__all__ = [*_API, "__version__"]


def __getattr__(name: str):
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'ssrsim' has no attribute {name!r}")

"""ssrsim: an agent-based simulator of security sector reform and DDR after civil war.

Python API (see README and docs/api.md)::

    import ssrsim
    cfg = ssrsim.compose("baseline", ["levers.political_will=0.3", "replicates=10"])
    results = ssrsim.simulate(cfg, workers=2)      # tables: results.timeseries, .summary, ...
    results.save("runs/low_will")
    again = ssrsim.load_run("runs/low_will")
    table = ssrsim.sweep(["levers.political_will=0.2,0.5,0.8", "replicates=20"], n_jobs=2)

The package, from the centre out (each layer imports only the ones before it):

    config      what a user may set: the validated schema, dotted paths, the calendar, composition
    model       the model core: actors, populations, the monthly step (no Hydra, plotting or files)
    run         replicates, run folders, analysis and figures
    sweeps      sweeps and sensitivity studies: planning, jobs, collection, figures, designs
    validation  calibration targets, stylised facts, the report
    exercise    the training exercise: menu, decisions, play, brief, debrief
    app         the browser app (``ssrsim app``, needs the app extra): the Explore page
    cli         the ``ssrsim`` command, one module per subcommand

Names are imported lazily so that ``import ssrsim.model`` loads neither Hydra nor matplotlib.
"""

import importlib.abc
import importlib.util
import sys
import warnings
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ssrsim")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

_API = {
    "Config": "ssrsim.config",
    "compose": "ssrsim.config.compose",
    "scenarios": "ssrsim.config.compose",
    "SSRModel": "ssrsim.model",
    "simulate": "ssrsim.run.runner",
    "run_replicate": "ssrsim.run.runner",
    "Results": "ssrsim.run.results",
    "load_run": "ssrsim.run.results",
    "sweep": "ssrsim.sweeps.jobs",
    "load_sweep": "ssrsim.sweeps.collect",
}
__all__ = [*_API, "__version__"]

#: Modules of ssrsim 0.1 that moved into the layered package: the old import paths keep working.
MOVED = {
    "ssrsim.analysis": "ssrsim.run.analysis",
    "ssrsim.plots": "ssrsim.run.figures",
    "ssrsim.results": "ssrsim.run.results",
    "ssrsim.runner": "ssrsim.run.runner",
    "ssrsim.composition": "ssrsim.config.compose",
    "ssrsim.errors": "ssrsim.config.errors",
    "ssrsim.schema": "ssrsim.config.fields",
    "ssrsim.docs": "ssrsim.config.parameters_page",
    "ssrsim.collect": "ssrsim.sweeps.collect",
    "ssrsim.sweep_plots": "ssrsim.sweeps.figures",
    "ssrsim.sensitivity": "ssrsim.sweeps.designs",
    "ssrsim.sensitivity_sweep": "ssrsim.sweeps.sensitivity",
}


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports an old module path as the module it moved to (with a DeprecationWarning)."""

    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, self) if name in MOVED else None

    def create_module(self, spec):
        warnings.warn(f"{spec.name} moved to {MOVED[spec.name]}", DeprecationWarning, stacklevel=2)
        return import_module(MOVED[spec.name])

    def exec_module(self, module):
        pass


if not any(isinstance(f, _MovedModules) for f in sys.meta_path):
    sys.meta_path.append(_MovedModules())


def __getattr__(name: str):
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'ssrsim' has no attribute {name!r}")

"""ssrsim: an agent-based simulator of security sector reform and DDR after civil war."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ssrsim")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

"""The package version: the one source hatchling reads and ``tthc.__version__`` reports."""

__version__ = "0.1.0"

"""ctipcalc: indicator calculator for counter-trafficking-in-persons programmes.

    >>> import ctipcalc
    >>> result = ctipcalc.summarize(["data/samples/"])
    >>> result.indicator("CB-1").value

Heavy modules (pandas) are imported on first use so that `ctipcalc --help` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Result", "__version__", "check", "load_config", "read", "review", "summarize", "trace"]


def __getattr__(name: str):
    if name in ("summarize", "check", "trace", "read", "review", "Result"):
        from . import api

        return getattr(api, name)
    if name == "load_config":
        from .config import load_config

        return load_config
    raise AttributeError(f"module 'ctipcalc' has no attribute {name!r}")

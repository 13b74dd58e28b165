"""Stage 3 — indicators from identified records, as the config defines them.

core.py holds the Engine (views of each kind's records, filters, periods, cells); the
counting of people (people.py), records (records.py) and events (events.py), rates
(rates.py) and time slices (slices.py) each sit in their own module; figures.py holds
the result type and the rounding, age-group and suppression rules; arrays.py the numpy
picks they share.
"""

from .core import Engine, compute
from .figures import IndicatorResult, age_groups, rate, suppress

__all__ = ["Engine", "IndicatorResult", "age_groups", "compute", "rate", "suppress"]

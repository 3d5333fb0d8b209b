"""Month labels: ``"YYYY-MM"`` and the model's month numbers (month 0 is ``calendar.start``).

One place for turning a run's months into dates and back, for the figures, the exercise's
decision points, the brief and the debrief. A run without a calendar has months only.
"""

from __future__ import annotations

import re

import numpy as np

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
_LABEL = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def is_label(text: str) -> bool:
    """Whether ``text`` is a month label ``YYYY-MM``."""
    return _LABEL.fullmatch(text) is not None


def _split(label: str) -> tuple[int, int]:
    if not is_label(label):
        raise ValueError(f"{label!r} is not a month as YYYY-MM (e.g. 2004-12)")
    y, m = label.split("-")
    return int(y), int(m)


def month_of(label: str, start: str) -> int:
    """Month number of ``label`` in a run whose month 0 is ``start``."""
    (y, m), (y0, m0) = _split(label), _split(start)
    return (y - y0) * 12 + (m - m0)


def label_of(month: int, start: str) -> str:
    """The ``YYYY-MM`` of month ``month`` in a run whose month 0 is ``start``."""
    y0, m0 = _split(start)
    y, m = divmod(m0 - 1 + month, 12)
    return f"{y0 + y:04d}-{m + 1:02d}"


def year_of(month, start: str):
    """The calendar year of model month(s) ``month`` (an int or an array) from ``start``."""
    y0, m0 = _split(start)
    return y0 + (m0 - 1 + np.asarray(month)) // 12


def dates(start: str, months: int):
    """First day of each month 0..months as a ``pandas.DatetimeIndex`` (for dated figures)."""
    import pandas as pd

    first = pd.Period(start, freq="M").to_timestamp()
    return pd.date_range(first, periods=months + 1, freq="MS")


def long_date(label: str) -> str:
    """``'2004-12'`` -> ``'December 2004'``."""
    y, m = _split(label)
    return f"{MONTH_NAMES[m - 1]} {y}"


def short_month(label: str) -> str:
    """``'2004-12'`` -> ``'Dec'``."""
    return MONTH_NAMES[_split(label)[1] - 1][:3]

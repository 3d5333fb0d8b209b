"""Month labels: YYYY-MM and month numbers, both ways."""

from __future__ import annotations

import numpy as np
import pytest

from ssrsim.config import calendar


def test_month_numbers_and_labels_are_inverse():
    start = "2003-11"
    assert calendar.month_of("2004-12", start) == 13
    assert calendar.label_of(13, start) == "2004-12"
    for month in range(0, 300, 7):
        assert calendar.month_of(calendar.label_of(month, start), start) == month


def test_years_dates_and_words():
    assert calendar.year_of(1, "2003-11") == 2003 and calendar.year_of(2, "2003-11") == 2004
    assert calendar.year_of(np.array([0, 1, 2, 14]), "2003-11").tolist() == [2003, 2003, 2004, 2005]
    dates = calendar.dates("2003-11", 3)
    assert [d.strftime("%Y-%m-%d") for d in dates] == ["2003-11-01", "2003-12-01", "2004-01-01", "2004-02-01"]
    assert calendar.long_date("2004-12") == "December 2004" and calendar.short_month("2004-12") == "Dec"


@pytest.mark.parametrize("label", ["2004-13", "2004-1", "04-12", "December 2004", ""])
def test_a_malformed_label_is_refused(label):
    assert not calendar.is_label(label)
    with pytest.raises(ValueError, match="YYYY-MM"):
        calendar.month_of(label, "2003-11")

"""Dates known to the day or only to the month, timescales, and the due dates computed from them."""
from __future__ import annotations

import json
import re

import pytest

from generator.model import Period, PartialDate, Timescale
from generator.validate import schema_path

P = PartialDate.parse


# --- PartialDate -----------------------------------------------------------------------------


def test_a_date_keeps_the_precision_it_was_written_with():
    assert P("2017-06-28") == PartialDate(2017, 6, 28)
    assert P("2017-06") == PartialDate(2017, 6)
    assert P("2017-06").iso() == "2017-06"
    assert P("2017-06-08").iso() == "2017-06-08"
    assert P("2017-06").human() == "June 2017"
    assert P("2017-06-08").human() == "8 June 2017"


@pytest.mark.parametrize("text", ["2017-02-30", "2017-13", "2017-00", "2017-04-31", "2019-02-29", "17-06-28",
                                  "2017-6-28", "28/06/2017", "2017-06-28T10:00", ""])
def test_impossible_or_misformed_dates_are_refused(text):
    with pytest.raises(ValueError):
        P(text)


def test_a_leap_day_is_a_real_date():
    assert P("2020-02-29").last_day().isoformat() == "2020-02-29"


def test_a_month_only_date_spans_its_whole_month():
    assert P("2017-02").first_day().isoformat() == "2017-02-01"
    assert P("2017-02").last_day().isoformat() == "2017-02-28"
    assert P("2020-02").last_day().isoformat() == "2020-02-29"
    assert P("2017-06-08").first_day() == P("2017-06-08").last_day()


def test_periods_read_naturally():
    assert Period(P("2017-12-04"), P("2017-12-08")).human() == "4–8 December 2017"
    assert Period(P("2017-01"), P("2017-01")).human() == "January 2017"
    assert Period(P("2017-11-27"), P("2017-12-08")).human() == "27 November 2017 – 8 December 2017"


# --- Timescale -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, amount, unit", [
    ("immediately", 0, "day"),
    ("within three months", 3, "month"), ("within 3 months", 3, "month"),
    ("within one month", 1, "month"), ("within 1 month", 1, "month"),
    ("within six weeks", 6, "week"), ("within 6 weeks", 6, "week"),
    ("within 28 days", 28, "day"), ("within twelve months", 12, "month"),
    ("within eighteen months", 18, "month"), ("within twenty-four months", 24, "month"),
    ("within one year", 1, "year"), ("within 2 years", 2, "year"),
])
def test_timescales_in_words_or_figures(text, amount, unit):
    timescale = Timescale.parse(text)
    assert (timescale.text, timescale.amount, timescale.unit) == (text, amount, unit)


@pytest.mark.parametrize("text", ["in three months", "within a fortnight", "within thirteen months",
                                  "within three moons", "Immediately", "within  three months", "3 months", ""])
def test_other_timescales_are_refused(text):
    with pytest.raises(ValueError):
        Timescale.parse(text)


def test_every_timescale_the_schema_accepts_can_be_computed():
    """The schema's pattern and the model's number words must not drift apart."""
    area = json.loads(schema_path("area").read_text(encoding="utf-8"))
    pattern = area["properties"]["recommendations"]["items"]["properties"]["timescale"]["pattern"]
    words = re.search(r"\(\[0-9\]\+\|([a-z|-]+)\)", pattern)[1].split("|")
    assert "three" in words
    for word in words:
        for unit in ("day", "days", "week", "weeks", "month", "months", "year", "years"):
            text = f"within {word} {unit}"
            assert re.fullmatch(pattern, text)
            assert Timescale.parse(text).amount >= 1


# --- due dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("published, timescale, due", [
    # known to the day
    ("2017-05-31", "within three months", "2017-08-31"),
    ("2017-05-31", "within 3 months", "2017-08-31"),
    ("2017-05-31", "within one month", "2017-06-30"),  # no 31 June: the last day of the month
    ("2020-01-31", "within one month", "2020-02-29"),  # leap year
    ("2019-01-31", "within one month", "2019-02-28"),
    ("2017-11-30", "within three months", "2018-02-28"),  # over the year end
    ("2020-02-29", "within one year", "2021-02-28"),
    ("2017-05-31", "within 6 weeks", "2017-07-12"),
    ("2017-05-31", "within six weeks", "2017-07-12"),
    ("2017-12-20", "within 14 days", "2018-01-03"),
    ("2017-05-31", "immediately", "2017-05-31"),
    # known only to the month: the answer is known only to the month too
    ("2017-06", "within three months", "2017-09"),
    ("2017-06", "within six months", "2017-12"),
    ("2017-06", "within twelve months", "2018-06"),
    ("2017-06", "immediately", "2017-06"),
    ("2017-06", "within 2 weeks", "2017-07"),  # June 2017 + 2 weeks: by mid-July at the latest
    ("2017-06", "within 28 days", "2017-07"),
    ("2017-06", "within 1 day", "2017-07"),
    ("2017-12", "within 2 weeks", "2018-01"),
])
def test_due_dates(published, timescale, due):
    assert Timescale.parse(timescale).due(P(published)).iso() == due


def test_month_only_due_dates_are_never_earlier_than_any_day_of_that_month_allows():
    for timescale in ("within 1 day", "within 10 days", "within two weeks", "within 5 weeks", "within three months"):
        month_only = Timescale.parse(timescale).due(P("2017-06"))
        assert month_only.day is None
        for day in range(1, 31):
            exact = Timescale.parse(timescale).due(P(f"2017-06-{day:02d}"))
            assert exact.first_day() <= month_only.last_day(), (timescale, day)

import datetime as dt

import pytest

from generator.core.dates import add_months, cn_date, parse_date


@pytest.mark.parametrize("text", ["2023-05-01", "2023/5/1", "2023.5.1", "2023年5月1日", 45047, "45047"])
def test_parse_date_forms(text):
    assert parse_date(text) == dt.date(2023, 5, 1)


@pytest.mark.parametrize("bad", ["2023-13-01", "2023年2月30日", "昨天", "", True, 1.5])
def test_parse_date_rejects(bad):
    with pytest.raises(ValueError):
        parse_date(bad)


def test_cn_date_has_no_leading_zeros():
    assert cn_date(dt.date(2025, 3, 8)) == "2025年3月8日"


def test_add_months_leap_day_and_month_ends():
    # stated rule: a day missing in the target month falls back to that month's last day
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 2, 29), 48) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 11, 15), 2) == dt.date(2026, 1, 15)


@pytest.mark.parametrize("text", ["2023/5/1 0:00", "2023-05-01 00:00:00", "2023-05-01T00:00:00", "2023年5月1日 9:30"])
def test_parse_date_ignores_time_of_day_from_csv_exports(text):
    # Excel writes a date cell into CSV as "2023/5/1 0:00"; pandas and others as "2023-05-01 00:00:00"
    assert parse_date(text) == dt.date(2023, 5, 1)


def test_parse_date_with_time_still_checks_the_date():
    with pytest.raises(ValueError):
        parse_date("2023-02-30 00:00:00")

"""Timeline dates: the raw TIMEX3 value kept, glossed when resolved, flagged when not."""

from __future__ import annotations

import pytest

from newsprism.report.dates import describe_date, is_resolved_date


@pytest.mark.parametrize(
    ("value", "resolved"),
    [
        ("2025-03-05", True),
        ("2025-03-05TEV", True),
        ("2025-03-05T14:30", True),
        ("2025-W09", True),
        ("2025-W09-WE", True),
        ("2025-03", True),
        ("2025", True),
        ("2025-Q1", True),
        ("2025-SU", True),
        ("XXXX-WXX-3", False),
        ("XXXX-XX-XX", False),
        ("PRESENT_REF", False),
        ("P2D", False),
        ("2025-02-30", False),
        ("2025-13", False),
        ("2025-W54", False),
        ("", False),
    ],
)
def test_resolved_dates_are_calendar_values_that_exist(value: str, resolved: bool) -> None:
    assert is_resolved_date(value) is resolved


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2025-03-05", "2025-03-05 (Wed 5 Mar)"),
        ("2025-03-03TAF", "2025-03-03TAF (Mon 3 Mar, afternoon)"),
        ("2025-03-03T21:15", "2025-03-03T21:15 (Mon 3 Mar, 21:15)"),
        ("2025-W09", "2025-W09 (week of Mon 24 Feb)"),
        ("2025-W09-WE", "2025-W09-WE (weekend of Sat 1 Mar)"),
        ("2025-W10-3", "2025-W10-3 (Wed 5 Mar)"),
        ("2025-03", "2025-03 (Mar 2025)"),
        ("2025-SU", "2025-SU (summer 2025)"),
        ("2027", "2027"),
        ("XXXX-WXX-2", "XXXX-WXX-2 (relative, unresolved)"),
    ],
)
def test_dates_read_with_their_meaning_or_as_unresolved(value: str, shown: str) -> None:
    assert describe_date(value) == shown

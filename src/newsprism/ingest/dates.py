"""Publication times from the many ways sources write them, always timezone-aware."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_COMPACT_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")


def parse_published(value: object) -> datetime:
    """Read a publication time from ISO 8601, RFC 2822, a date or a datetime.

    A value without a time zone is taken as UTC, so that every ``published`` newsprism
    stores can be compared with every other; a date alone becomes midnight of that day.
    Raises ValueError when ``value`` is not a recognisable time.
    """
    if isinstance(value, datetime):
        return as_aware(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    try:
        return as_aware(datetime.fromisoformat(_COMPACT_OFFSET.sub(r"\1:\2", text)))
    except ValueError:
        pass
    try:
        return as_aware(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a date: {value!r}") from None


def as_aware(moment: datetime) -> datetime:
    """``moment`` with its own time zone, or UTC when it has none (the wall clock is kept)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

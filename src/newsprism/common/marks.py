"""Quotation marks: the characters that open and close a quotation in news text."""

from __future__ import annotations

DOUBLE_OPENERS = frozenset("“„«")
DOUBLE_CLOSERS = frozenset("”»")
STRAIGHT_DOUBLE = '"'
SINGLE_OPENER = "‘"
SINGLE_CLOSER = "’"
QUOTE_MARKS = (
    DOUBLE_OPENERS | DOUBLE_CLOSERS | {STRAIGHT_DOUBLE, SINGLE_OPENER, SINGLE_CLOSER}
)
"""Every character that opens or closes a quotation."""

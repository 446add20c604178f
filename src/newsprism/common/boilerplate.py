"""Page furniture: the lines a web page wraps around a report, which state nothing.

"Advertisement", "Share this article", "Sign up for our newsletter", "Read more:",
"Image caption,", copyright lines, "This article first appeared in ...". One list, used by
the HTML reader (which drops such short lines) and by fact finding (which passes over such
sentences in text from any source).
"""

from __future__ import annotations

import re

_FURNITURE = re.compile(
    r"\W*(?:"
    r"(?:advertisement|advertising|sponsored(?: content)?|related(?: articles| stories)?"
    r"|share(?: this(?: article| story)?)?)\W*$"
    r"|share (?:this|on|via)\b|sign up\b|subscribe (?:to|now|here|for)\b|follow us\b|click here\b"
    r"|download (?:the|our)\b|get (?:the|our) (?:latest|top|daily)\b"
    r"|(?:read|see) (?:more|also)\b|related(?: articles| stories)?\s*:|all rights reserved"
    r"|(?:image|media|video) (?:caption|source)\s*[,:]|copyright (?:©|\(c\)|\d{4})|©"
    r"|this (?:story|article|report) (?:was )?(?:first|originally) (?:appeared|published)"
    r")",
    re.IGNORECASE,
)


def is_page_furniture(text: str) -> bool:
    """True when ``text`` (a line or a sentence) opens as page furniture rather than news."""
    return _FURNITURE.match(text.strip()) is not None

"""What a caller can set when reading sources, and what reading yields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from newsprism.model import Article
from newsprism.settings import ExtractionSettings

# Honest about what is asking; add "+<project URL>" here once the project has a public home.
DEFAULT_USER_AGENT = "newsprism/0.1 (open-source news comparison tool; fetches pages its user asked for)"


@dataclass(frozen=True)
class SourceMeta:
    """Metadata for one source from a sidecar file; None means "not given"."""

    outlet: str | None = None
    published: datetime | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class ReadOptions:
    """How sources are read and fetched.

    ``published`` applies to sources that carry no publication time; ``meta`` maps a source
    (path as given, its basename, a URL or a record id) to sidecar metadata. ``timeout`` and
    ``max_bytes`` apply to every fetch and file (``timeout``: the longest wait for any
    one read); ``deadline`` is the longest a whole fetch of one URL may take, headers and
    body, however its server trickles them; ``host_delay`` is the pause between two
    requests to one host; ``parallel_fetches`` is how many pages download at once (from
    different hosts: one host is never asked twice at the same time). ``extraction``
    says how an HTML page's article text is told from the rest of the page.
    """

    published: datetime | None = None
    meta: Mapping[str, SourceMeta] = field(default_factory=lambda: MappingProxyType({}))
    timeout: float = 10.0
    deadline: float = 60.0
    max_bytes: int = 10_000_000
    user_agent: str = DEFAULT_USER_AGENT
    fetch_pages: bool = True
    obey_robots: bool = True
    host_delay: float = 1.0
    parallel_fetches: int = 4
    extraction: ExtractionSettings = field(default_factory=ExtractionSettings)


@dataclass(frozen=True)
class Ingested:
    """One article read from a source, with the raw input it came from.

    ``raw`` is the page bytes, the JSON record or the file bytes; ``media_type`` says what
    they are ("text/plain", "text/html", "application/json", ...).
    """

    article: Article
    raw: bytes
    media_type: str

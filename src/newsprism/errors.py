"""Every error newsprism raises on purpose, each carrying what went wrong as attributes.

::

    NewsprismError                  base: a message a person can act on            exit 70
    ├── SourceError                 one input could not be read (source, reason)   exit 1
    │   ├── FetchError              a URL could not be fetched                     exit 1
    │   └── ExtractionError         the input holds no article text                exit 1
    ├── NoArticlesError             no source of a batch could be read (failures)  exit 1
    ├── UsageError                  arguments that cannot work together            exit 2
    │   └── SettingsError           a settings file that cannot be used            exit 2
    │                               (source, reason)
    ├── NotFoundError               no such story, article or store (kind, key)    exit 3
    │   └── MergedStoryError        the story was merged into another              exit 3
    │                               (story_id, merged_into)
    ├── StoreError                  the database is unusable (path)                exit 4
    │   └── StoreBusyError          another process is writing to it (--no-wait)   exit 4
    ├── ModelUnavailableError       the language model is not installed (models)   exit 5
    └── InconsistentComparisonError a comparison cites words it does not hold:     exit 70
                                    a bug in newsprism (article, start, end)

``str(error)`` is the message for a person: what went wrong and what to do next. The
command line prints it as one line on stderr and exits with the code on the right, chosen
in one place (``newsprism.cli.EXIT_CODES``); ``--debug`` adds the traceback. A subclass
takes its nearest listed base's code. The codes (``newsprism --help`` shows the same):

====  ============================================================
code  meaning
====  ============================================================
0     done: every source was read
1     a source could not be read (skipped; or none could be)
2     wrong usage: options, arguments, a settings file
3     no such story, article or store
4     the store cannot be opened or is damaged, or another process writes to it (--no-wait)
5     a language model (spaCy's English pipeline, the sentence model) is not installed
70    an inconsistent result: a bug in newsprism, please report it
====  ============================================================

Mistakes of a *program* rather than of a person stay Python's own errors, as in the standard
library: a ``Span`` whose end comes before its start is a ``ValueError``, a lookup of an id a
``Comparison`` does not hold a ``KeyError``. They mean a caller's bug, not a condition anyone
can fix by running the command differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsprism.model import SourceFailure


class NewsprismError(Exception):
    """Base of every error raised on purpose; ``str(error)`` is the message for a person."""


class SourceError(NewsprismError):
    """One input (a file, URL, feed entry or record) could not be read."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FetchError(SourceError):
    """A URL could not be fetched (unreachable, time-out, HTTP error, too large)."""


class ExtractionError(SourceError):
    """The input was read but holds no article text."""


class NoArticlesError(NewsprismError):
    """Not one source of a batch could be read; ``failures`` says why for each."""

    def __init__(self, failures: Sequence[SourceFailure]) -> None:
        count = len(failures)
        super().__init__(f"no usable source: all {count} source(s) failed" if count else "no sources given")
        self.failures = tuple(failures)


class UsageError(NewsprismError):
    """Arguments or options that cannot work together."""


class SettingsError(UsageError):
    """A settings file or override that cannot be used (source, reason)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NotFoundError(NewsprismError):
    """No story, article or store with the id or path asked for.

    ``kind`` names what was looked for ("story", "article", "store", ...) and ``key`` the id
    or path; both are None when the raiser did not say. Not a :class:`StoreError`: the store
    is fine, the thing asked for is not in it.
    """

    def __init__(self, message: str, *, kind: str | None = None, key: object = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.key = key


class MergedStoryError(NotFoundError):
    """The story asked for was merged into another one, whose id ``merged_into`` gives."""

    def __init__(self, story_id: int, merged_into: int, store_path: object) -> None:
        super().__init__(
            f"No story {story_id} in {store_path}: it was merged into story {merged_into}."
            f" Run `newsprism show {merged_into}`.",
            kind="story",
            key=story_id,
        )
        self.story_id = story_id
        self.merged_into = merged_into


class StoreError(NewsprismError):
    """The database cannot be opened or is inconsistent; ``path`` is its file when known."""

    def __init__(self, message: str, *, path: object = None) -> None:
        super().__init__(message)
        self.path = path


class StoreBusyError(StoreError):
    """Another process holds the store's writer lock and the caller chose not to wait."""


class ModelUnavailableError(NewsprismError):
    """A language model (spaCy's English pipeline, the sentence model) is not installed;
    ``models`` lists the packages tried."""

    def __init__(self, message: str, *, models: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.models = tuple(models)


class InconsistentComparisonError(NewsprismError):
    """A comparison cites words it does not hold: evidence naming an article it lacks, or
    offsets outside that article's text.

    Always a bug upstream of the report: a report quoting the wrong words would be worse
    than no report, so rendering stops. ``start`` and ``end`` are None when the article
    itself is missing; ``length`` is the length of the article's text when it is there.
    """

    def __init__(
        self, article: str, start: int | None = None, end: int | None = None, length: int | None = None
    ) -> None:
        if start is None or end is None:
            problem = f"Evidence cites article {article!r}, which is not in this comparison."
        else:
            problem = (
                f"Evidence [{start}, {end}) lies outside article {article!r}, "
                f"whose text has {length} characters."
            )
        super().__init__(f"{problem} The comparison was built inconsistently; report this as a bug.")
        self.article = article
        self.start = start
        self.end = end
        self.length = length

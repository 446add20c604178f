"""Every error newsprism raises on purpose.

::

    NewsprismError                 base: a message a person can act on
    ├── SourceError                one input could not be read (source, reason)
    │   ├── FetchError             a URL could not be fetched
    │   └── ExtractionError        the input holds no article text
    ├── NoArticlesError            no source of a batch could be read (failures)
    ├── UsageError                 arguments that cannot work together
    │   └── SettingsError          a settings file that cannot be used (source, reason)
    ├── ModelUnavailableError      the language model is not installed
    └── StoreError                 the database is unusable
        └── NotFoundError          no such story or article in the store
            └── MergedStoryError   the story was merged into another (story_id, merged_into)

The CLI turns each into one line on stderr and an exit code in one place.
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


class ModelUnavailableError(NewsprismError):
    """The spaCy English model is not installed."""


class StoreError(NewsprismError):
    """The database cannot be opened or is inconsistent."""


class NotFoundError(StoreError):
    """No story or article with the id asked for."""


class MergedStoryError(NotFoundError):
    """The story asked for was merged into another one, whose id ``merged_into`` gives."""

    def __init__(self, story_id: int, merged_into: int, store_path: object) -> None:
        super().__init__(
            f"No story {story_id} in {store_path}: it was merged into story {merged_into}."
            f" Run `newsprism show {merged_into}`."
        )
        self.story_id = story_id
        self.merged_into = merged_into


class SettingsError(UsageError):
    """A settings file or override that cannot be used (source, reason)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

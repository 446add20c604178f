"""newsprism: one news story through every outlet that reported it.

The public API, for use as a library::

    from newsprism import ReadOptions, brief, render
    comparison = brief(["a.txt", "b.html"], ReadOptions())
    print(render(comparison, "markdown"))

Everything a Python user imports is named here and nowhere else; ``tests/test_public_api.py``
checks that the list is complete and that nothing in it is stale. Names are imported on
first use, so ``import newsprism`` loads no submodule (and no language model): the command
line starts fast and a user pays only for what they touch.
"""

# Written without importing typing: `import newsprism` stays under a millisecond.
TYPE_CHECKING = False

# Where each public name is defined, by module. Keep each tuple sorted; `__all__` below
# and the TYPE_CHECKING imports list the same names (tests/test_public_api.py checks it).
_EXPORTS: dict[str, tuple[str, ...]] = {
    "newsprism.pipeline": ("brief", "compare_articles", "compared_part", "label_outlets"),
    "newsprism.annotate": ("annotate_articles",),
    "newsprism.ingest": ("ReadOptions", "SourceMeta", "read_meta", "read_sources"),
    "newsprism.ingest.outlets": ("OutletRow", "OutletTable"),
    "newsprism.report": ("render", "render_annotations"),
    "newsprism.corpus": ("Corpus",),
    "newsprism.store": ("Store",),
    "newsprism.web": ("BackgroundBriefs", "WebApp", "create_app"),
    "newsprism.model": (
        "Article",
        "Clause",
        "Comparison",
        "CopiedText",
        "Difference",
        "Entity",
        "Evidence",
        "Fact",
        "Mention",
        "Quote",
        "QuoteGroup",
        "SourceFailure",
        "Span",
        "TimeExpression",
        "TimelineEvent",
        "Vectors",
        "WordChange",
    ),
    "newsprism.errors": (
        "ExtractionError",
        "FetchError",
        "InconsistentComparisonError",
        "MergedStoryError",
        "ModelUnavailableError",
        "NewsprismError",
        "NoArticlesError",
        "NotFoundError",
        "SettingsError",
        "SourceError",
        "StoreBusyError",
        "StoreError",
        "UsageError",
    ),
    "newsprism.settings": (
        "AnnotateSettings",
        "CompareSettings",
        "CopiedTextSettings",
        "CopySettings",
        "EntitySettings",
        "ExtractionSettings",
        "FactSettings",
        "NameSettings",
        "QuoteMatchSettings",
        "QuoteSettings",
        "ScaleSettings",
        "Settings",
        "StorySettings",
        "TimeSettings",
        "TimelineSettings",
        "WatchSettings",
        "load_settings",
    ),
}

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "AnnotateSettings",
    "Article",
    "BackgroundBriefs",
    "Clause",
    "CompareSettings",
    "Comparison",
    "CopiedText",
    "CopiedTextSettings",
    "CopySettings",
    "Corpus",
    "Difference",
    "Entity",
    "EntitySettings",
    "Evidence",
    "ExtractionError",
    "ExtractionSettings",
    "Fact",
    "FactSettings",
    "FetchError",
    "InconsistentComparisonError",
    "Mention",
    "MergedStoryError",
    "ModelUnavailableError",
    "NameSettings",
    "NewsprismError",
    "NoArticlesError",
    "NotFoundError",
    "OutletRow",
    "OutletTable",
    "Quote",
    "QuoteGroup",
    "QuoteMatchSettings",
    "QuoteSettings",
    "ReadOptions",
    "ScaleSettings",
    "Settings",
    "SettingsError",
    "SourceError",
    "SourceFailure",
    "SourceMeta",
    "Span",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StorySettings",
    "TimeExpression",
    "TimeSettings",
    "TimelineEvent",
    "TimelineSettings",
    "UsageError",
    "Vectors",
    "WatchSettings",
    "WebApp",
    "WordChange",
    "annotate_articles",
    "brief",
    "compare_articles",
    "compared_part",
    "create_app",
    "label_outlets",
    "load_settings",
    "read_meta",
    "read_sources",
    "render",
    "render_annotations",
]

if TYPE_CHECKING:  # what type checkers and editors see; the test keeps it equal to _EXPORTS
    from newsprism.annotate import annotate_articles
    from newsprism.corpus import Corpus
    from newsprism.errors import (
        ExtractionError,
        FetchError,
        InconsistentComparisonError,
        MergedStoryError,
        ModelUnavailableError,
        NewsprismError,
        NoArticlesError,
        NotFoundError,
        SettingsError,
        SourceError,
        StoreBusyError,
        StoreError,
        UsageError,
    )
    from newsprism.ingest import ReadOptions, SourceMeta, read_meta, read_sources
    from newsprism.ingest.outlets import OutletRow, OutletTable
    from newsprism.model import (
        Article,
        Clause,
        Comparison,
        CopiedText,
        Difference,
        Entity,
        Evidence,
        Fact,
        Mention,
        Quote,
        QuoteGroup,
        SourceFailure,
        Span,
        TimeExpression,
        TimelineEvent,
        Vectors,
        WordChange,
    )
    from newsprism.pipeline import brief, compare_articles, compared_part, label_outlets
    from newsprism.report import render, render_annotations
    from newsprism.settings import (
        AnnotateSettings,
        CompareSettings,
        CopiedTextSettings,
        CopySettings,
        EntitySettings,
        ExtractionSettings,
        FactSettings,
        NameSettings,
        QuoteMatchSettings,
        QuoteSettings,
        ScaleSettings,
        Settings,
        StorySettings,
        TimelineSettings,
        TimeSettings,
        WatchSettings,
        load_settings,
    )
    from newsprism.store import Store
    from newsprism.web import BackgroundBriefs, WebApp, create_app
del TYPE_CHECKING


def __getattr__(name: str) -> object:
    """Import a public name from its module on first use, then keep it here."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, for ``dir(newsprism)`` and completion."""
    return __all__

"""The public API of newsprism.ingest is what its __init__ declares, and nothing goes missing."""

from __future__ import annotations

import inspect

from newsprism import ingest
from newsprism.ingest import ReadOptions


def test_public_names_are_exactly_the_declared_ones() -> None:
    public = {name for name in dir(ingest) if not name.startswith("_") and not inspect.ismodule(getattr(ingest, name))}
    public -= {"annotations", "Article", "SourceFailure", "Sequence"}
    assert public == set(ingest.__all__)


def test_every_public_function_has_a_docstring_and_typed_signature() -> None:
    for name in ingest.__all__:
        value = getattr(ingest, name)
        if inspect.isfunction(value):
            assert value.__doc__, name
            signature = inspect.signature(value)
            assert signature.return_annotation is not inspect.Signature.empty, name


def test_iter_sources_signature_is_the_one_corpus_mode_uses() -> None:
    parameters = list(inspect.signature(ingest.iter_sources).parameters)
    assert parameters[:3] == ["sources", "options", "skip"]


def test_default_options_are_polite_and_honest() -> None:
    options = ReadOptions()
    assert options.timeout == 10.0 and options.max_bytes == 10_000_000
    assert options.obey_robots and options.fetch_pages and options.host_delay == 1.0
    assert options.parallel_fetches == 4
    assert options.user_agent.startswith("newsprism/")
    assert dict(options.meta) == {}


def test_reading_nothing_gives_nothing() -> None:
    assert ingest.read_sources([], ReadOptions()) == ([], [])

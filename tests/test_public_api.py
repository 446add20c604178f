"""``newsprism.__all__`` is exactly the public API: nothing missing, nothing stale.

The rule that decides what is public, so that the test can compute the list by itself:

1. **Entry points**: the functions a user calls and the classes they build first, each
   named with the module that defines it in :data:`ENTRY_POINTS`. ``newsprism.pipeline``
   counts whole: every name in its ``__all__`` is an entry point.
2. **Every newsprism class a user meets from there**: named in an entry point's signature,
   or (following the same rule) in the fields of a dataclass or the constructor of a class
   already met, until nothing new turns up. ``brief`` returns a ``Comparison``, whose
   ``facts`` hold ``Fact`` s, whose ``statements`` are ``Evidence`` ...
3. **Every public class of** ``newsprism.model`` (the document model), **of**
   ``newsprism.errors`` (what a user catches), and **every public class of**
   ``newsprism.settings`` **whose name ends in** ``Settings`` (the numbers a user tunes;
   found afresh on each run, so a group added there must be exported too).

Nothing else is exported. A stage's own tools (``newsprism.ingest.Fetcher``,
``newsprism.report.FORMATS``, ``newsprism.store.story_page``) are imported from their
package, whose ``__init__`` declares them.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import subprocess
import sys
import typing
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path

import pytest

import newsprism

ENTRY_POINTS = {
    "annotate_articles": "newsprism.annotate",
    "read_sources": "newsprism.ingest",
    "read_meta": "newsprism.ingest",
    "ReadOptions": "newsprism.ingest",
    "render": "newsprism.report",
    "render_annotations": "newsprism.report",
    "Corpus": "newsprism.corpus",
    "create_app": "newsprism.web",
    "load_settings": "newsprism.settings",
}


def _entry_points() -> dict[str, object]:
    from newsprism import pipeline

    named = {name: getattr(import_module(module), name) for name, module in ENTRY_POINTS.items()}
    return {**named, **{name: getattr(pipeline, name) for name in pipeline.__all__}}


def _classes_named_in(hint: object) -> Iterator[type]:
    """The classes a type hint names, looking inside ``tuple[X, ...]``, ``X | None``, ..."""
    if isinstance(hint, type):
        yield hint
    for argument in typing.get_args(hint):
        yield from _classes_named_in(argument)


def _hints_of(thing: object) -> dict[str, object]:
    if inspect.isclass(thing):
        return typing.get_type_hints(thing if dataclasses.is_dataclass(thing) else thing.__init__)
    return typing.get_type_hints(thing)


def _met_from(roots: list[object]) -> set[type]:
    """Every newsprism class reachable from ``roots`` through signatures and fields."""
    met: set[type] = set()
    pending = list(roots)
    while pending:
        for hint in _hints_of(pending.pop()).values():
            for found in _classes_named_in(hint):
                if found.__module__.startswith("newsprism.") and found not in met:
                    met.add(found)
                    pending.append(found)
    return met


def _public_classes(module_name: str) -> set[type]:
    """Classes defined (not merely imported) in the module, without a leading underscore."""
    module = import_module(module_name)
    return {
        value
        for name, value in vars(module).items()
        if inspect.isclass(value) and value.__module__ == module_name and not name.startswith("_")
    }


def expected_public_names() -> set[str]:
    """The public API as the rule in this module's docstring computes it."""
    roots = _entry_points()
    classes = _met_from(list(roots.values()))
    classes |= _public_classes("newsprism.model") | _public_classes("newsprism.errors")
    classes |= {kind for kind in _public_classes("newsprism.settings") if kind.__name__.endswith("Settings")}
    return set(roots) | {kind.__name__ for kind in classes}


def test_all_is_exactly_what_the_rule_gives() -> None:
    expected = expected_public_names()
    exported = set(newsprism.__all__)
    assert sorted(expected - exported) == [], "public but not exported: add to newsprism/__init__.py"
    assert sorted(exported - expected) == [], "exported but not public by the rule: stale"
    assert len(newsprism.__all__) == len(exported), "a name is listed twice"
    assert newsprism.__all__ == sorted(newsprism.__all__)


def test_the_rule_reaches_what_a_user_meets_from_brief() -> None:
    """The closure over signatures is what finds the model classes and the settings."""
    names = expected_public_names()
    assert {"Comparison", "Fact", "Evidence", "WordChange", "Settings", "StorySettings", "SourceMeta"} <= names
    assert {"NewsprismError", "NotFoundError", "InconsistentComparisonError"} <= names
    assert "Fetcher" not in names and "FORMATS" not in names


@pytest.mark.parametrize("name", newsprism.__all__)
def test_every_exported_name_is_the_object_its_module_defines(name: str) -> None:
    value = getattr(newsprism, name)
    assert value.__name__ == name
    assert value.__module__.startswith("newsprism.")
    assert value is getattr(import_module(value.__module__), name)


@pytest.mark.parametrize("name", newsprism.__all__)
def test_every_exported_name_has_a_docstring_of_its_own(name: str) -> None:
    value = getattr(newsprism, name)
    own = vars(value).get("__doc__") if inspect.isclass(value) else value.__doc__
    # A dataclass without a docstring gets its signature as one: that says nothing.
    assert own and own.strip() and not own.startswith(f"{name}("), f"{name} has no docstring"


def test_the_static_imports_the_runtime_table_and_all_agree() -> None:
    """Type checkers read the TYPE_CHECKING imports, ``import newsprism`` reads _EXPORTS."""
    source = Path(newsprism.__file__).read_text(encoding="utf-8")
    (block,) = [
        node for node in ast.parse(source).body
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
    ]
    static = {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    runtime = {name: module for module, names in newsprism._EXPORTS.items() for name in names}
    assert static == runtime
    assert set(runtime) == set(newsprism.__all__)
    assert dir(newsprism) == newsprism.__all__


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        newsprism.no_such_thing  # noqa: B018


def test_importing_the_package_loads_no_submodule_and_no_language_model() -> None:
    probe = (
        "import sys, newsprism;"
        "print(sorted(m for m in sys.modules if m.startswith(('newsprism.', 'spacy'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
    first_use = "import sys, newsprism; newsprism.Comparison; print('newsprism.model' in sys.modules)"
    used = subprocess.run([sys.executable, "-c", first_use], capture_output=True, text=True, check=True)
    assert used.stdout.strip() == "True"

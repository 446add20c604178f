"""Fixtures for the report tests: the hand-built comparisons of ``builders.py``.

The root conftest runs pytest in importlib mode, where a test folder is not on
``sys.path``; the helper modules (``builders.py``, ``schema_check.py``, ``parsed_html.py``)
are loaded here once,
under names no other test folder uses, and handed to tests as fixtures.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsprism.model import Comparison

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _load_helper(stem: str) -> ModuleType:
    name = f"newsprism_tests_report_{stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{stem}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def builders() -> ModuleType:
    """The builders module (ArticleBuilder, find, sentence, the sample comparisons)."""
    return _load_helper("builders")


@pytest.fixture(scope="session")
def schema_errors() -> Callable[[Any, dict[str, Any]], list[str]]:
    """``schema_errors(value, schema)``: every way value breaks the schema (empty when valid)."""
    check = _load_helper("schema_check").schema_errors

    def errors(value: Any, schema: dict[str, Any]) -> list[str]:
        found: list[str] = check(value, schema, schema)
        return found

    return errors


@pytest.fixture(scope="session")
def parse_page() -> Callable[[str], Any]:
    """``parse_page(html)``: tags, visible text, and text by id and class of a page."""
    parse: Callable[[str], Any] = _load_helper("parsed_html").parse_page
    return parse


@pytest.fixture(scope="session")
def docs_dir() -> Path:
    """The repository's ``docs/`` folder (schemas and their prose)."""
    return DOCS


@pytest.fixture
def sample(builders: ModuleType) -> Comparison:
    """Three reports of one invented story with every section of a brief filled in."""
    comparison: Comparison = builders.sample_comparison()
    return comparison


@pytest.fixture
def hostile(builders: ModuleType) -> Comparison:
    """A comparison whose every article string carries markup or a script URL."""
    comparison: Comparison = builders.hostile_comparison()
    return comparison


@pytest.fixture
def golden_dir() -> Path:
    """Where the expected whole reports live."""
    return Path(__file__).with_name("golden")

"""The public API is declared in one place and every name in it exists."""

from __future__ import annotations

import subprocess
import sys

import pytest

import newsprism


@pytest.mark.parametrize("name", newsprism.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(newsprism, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        newsprism.no_such_thing  # noqa: B018


def test_importing_the_package_loads_no_language_model() -> None:
    probe = "import sys, newsprism; print('spacy' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"

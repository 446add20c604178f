"""The error tree drawn in ``newsprism.errors`` is the real one, with the real exit codes.

The docstring is where a reader learns what can go wrong and what each exit code means;
these tests fail when a class, a parent or a code there stops matching the code.
"""

from __future__ import annotations

import inspect
import re

import pytest

from newsprism import errors
from newsprism.cli import _EXIT_HELP, EXIT_CODES, exit_code_for
from newsprism.model import SourceFailure

ERROR_CLASSES = [
    value for value in vars(errors).values()
    if inspect.isclass(value) and issubclass(value, errors.NewsprismError)
]

# "    │   ├── FetchError    a URL could not be fetched    exit 1"
TREE_LINE = re.compile(r"^(?P<indent>[ │├└─]*?)(?P<name>[A-Z]\w+Error)\s+.*?exit (?P<code>\d+)$")


def drawn_tree() -> dict[str, tuple[str | None, int]]:
    """Each class drawn in the docstring with its drawn parent and exit code."""
    drawn: dict[str, tuple[str | None, int]] = {}
    parents: list[str] = []  # the path from the root to the line above, one name per level
    for line in (errors.__doc__ or "").splitlines():
        match = TREE_LINE.match(line)
        if not match:
            continue
        depth = (len(match["indent"]) - 4) // 4  # four characters a level, after a margin of four
        del parents[depth:]
        drawn[match["name"]] = (parents[-1] if parents else None, int(match["code"]))
        parents.append(match["name"])
    return drawn


def test_the_tree_draws_every_error_class_under_its_real_parent() -> None:
    drawn = drawn_tree()
    assert set(drawn) == {kind.__name__ for kind in ERROR_CLASSES}
    for kind in ERROR_CLASSES:
        parent = kind.__base__.__name__ if kind is not errors.NewsprismError else None
        assert drawn[kind.__name__][0] == parent, kind.__name__


@pytest.mark.parametrize("kind", ERROR_CLASSES, ids=lambda kind: kind.__name__)
def test_the_drawn_exit_code_is_the_one_the_command_line_uses(kind: type[errors.NewsprismError]) -> None:
    assert drawn_tree()[kind.__name__][1] == exit_code_for(kind)


def test_the_code_table_in_the_docstring_is_the_one_in_help() -> None:
    table = re.findall(r"^(\d+)\s{2,}(.+)$", errors.__doc__ or "", flags=re.MULTILINE)
    assert [(int(code), meaning) for code, meaning in table] == list(_EXIT_HELP)
    assert set(EXIT_CODES.values()) < {code for code, _ in _EXIT_HELP}, "0 is no error's code"


def test_the_documented_codes_hold_for_the_errors_people_meet() -> None:
    assert exit_code_for(errors.NoArticlesError) == 1
    assert exit_code_for(errors.SettingsError) == 2
    assert exit_code_for(errors.MergedStoryError) == 3
    assert exit_code_for(errors.FetchError) == 1


def test_errors_carry_their_context_as_attributes() -> None:
    failure = SourceFailure("a.txt", "not found")
    assert errors.NoArticlesError([failure]).failures == (failure,)
    fetch = errors.FetchError("https://x.example/a", "HTTP 404 Not Found")
    assert (fetch.source, fetch.reason, str(fetch)) == ("https://x.example/a", "HTTP 404 Not Found", "https://x.example/a: HTTP 404 Not Found")
    merged = errors.MergedStoryError(4, 9, "news.db")
    assert (merged.story_id, merged.merged_into, merged.kind, merged.key) == (4, 9, "story", 4)
    assert "newsprism show 9" in str(merged)
    missing = errors.NotFoundError("No story 42.", kind="story", key=42)
    assert (missing.kind, missing.key) == ("story", 42)
    assert errors.StoreError("cannot open", path="n.db").path == "n.db"
    assert errors.ModelUnavailableError("no model", models=["en_core_web_sm"]).models == ("en_core_web_sm",)
    outside = errors.InconsistentComparisonError("a1", 5, 900, 120)
    assert (outside.article, outside.start, outside.end, outside.length) == ("a1", 5, 900, 120)
    assert "[5, 900) lies outside article 'a1'" in str(outside)
    assert "not in this comparison" in str(errors.InconsistentComparisonError("a2"))

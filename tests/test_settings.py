"""Settings: one place for every tuned number, overridable from a TOML file."""

from __future__ import annotations

import ast
import inspect
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from newsprism import settings as settings_module
from newsprism.annotate import ANNOTATOR_VERSION, annotator_version
from newsprism.errors import SettingsError, UsageError
from newsprism.settings import (
    FactSettings,
    Settings,
    StorySettings,
    load_settings,
    settings_from_mapping,
)


def _settings_classes() -> list[type]:
    return [
        value
        for name, value in vars(settings_module).items()
        if name.endswith("Settings") and is_dataclass(value) and isinstance(value, type)
    ]


def test_every_settings_field_says_why_it_has_its_value() -> None:
    """Each field of a group of numbers is followed by a docstring (groups of groups aside)."""
    tree = ast.parse(inspect.getsource(settings_module))
    undocumented = []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or not node.name.endswith("Settings"):
            continue
        body = node.body
        for position, statement in enumerate(body):
            if not isinstance(statement, ast.AnnAssign) or not isinstance(statement.target, ast.Name):
                continue
            if isinstance(statement.value, ast.Call):
                continue  # a nested group: its own fields are documented
            following = body[position + 1] if position + 1 < len(body) else None
            documented = isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
            if not documented:
                undocumented.append(f"{node.name}.{statement.target.id}")
    assert undocumented == []


def test_every_group_is_reachable_from_settings() -> None:
    reachable: set[type] = set()

    def walk(group: object) -> None:
        reachable.add(type(group))
        for item in fields(group):  # type: ignore[arg-type]
            value = getattr(group, item.name)
            if is_dataclass(value):
                walk(value)

    walk(Settings())
    assert set(_settings_classes()) == reachable


def test_a_settings_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[compare.facts]\nsame_fact = 0.5\n\n[stories]\njoin_threshold = 0.2\n")
    loaded = load_settings(path)
    assert loaded.compare.facts.same_fact == 0.5
    assert loaded.stories.join_threshold == 0.2
    assert loaded.compare.facts.coherent == FactSettings().coherent
    assert loaded.copies == Settings().copies


def test_a_whole_number_is_taken_for_a_fraction_and_a_list_for_a_pair() -> None:
    loaded = settings_from_mapping({"stories": {"join_threshold": 1, "split_sizes": [5, 60]}})
    assert loaded.stories.join_threshold == 1.0
    assert isinstance(loaded.stories.join_threshold, float)
    assert loaded.stories.split_sizes == (5, 60)


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"compare": {"facts": {"same_fakt": 0.5}}}, "compare.facts.same_fakt"),
        ({"storys": {}}, "storys"),
        ({"compare": {"facts": 0.5}}, "compare.facts"),
        ({"stories": {"join_threshold": "high"}}, "stories.join_threshold"),
        ({"stories": {"probe_terms": 2.5}}, "stories.probe_terms"),
        ({"stories": {"split_sizes": [1, 2, 3]}}, "stories.split_sizes"),
    ],
)
def test_an_unusable_override_is_an_error_naming_the_key(overrides: dict, named: str) -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from_mapping(overrides, source="my.toml")
    assert f"'{named}'" in str(raised.value)
    assert str(raised.value).startswith("my.toml: ")
    assert isinstance(raised.value, UsageError)


def test_a_file_that_is_not_toml_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[compare\nsame_fact = ")
    with pytest.raises(SettingsError, match=r"broken\.toml: is not valid TOML"):
        load_settings(path)
    with pytest.raises(SettingsError, match="cannot be read"):
        load_settings(tmp_path / "missing.toml")


def test_annotation_settings_change_the_cache_version_and_others_do_not() -> None:
    assert annotator_version(Settings()) == ANNOTATOR_VERSION
    stricter = settings_from_mapping({"annotate": {"quotes": {"max_speaker_tokens": 6}}})
    names = settings_from_mapping({"names": {"surname_similarity": 95}})
    assert annotator_version(stricter) != ANNOTATOR_VERSION
    assert annotator_version(names) not in (ANNOTATOR_VERSION, annotator_version(stricter))
    assert annotator_version(Settings(stories=StorySettings(join_threshold=0.3))) == ANNOTATOR_VERSION


def test_settings_reach_the_comparison() -> None:
    """A threshold no pair of statements can reach leaves every fact to one outlet."""
    from newsprism.model import Article
    from newsprism.pipeline import compare_articles
    from newsprism.settings import CompareSettings

    texts = [
        "The city council approved the new bridge budget of 40 million euros on Monday.",
        "On Monday the city council approved a bridge budget of 40 million euros.",
    ]
    articles = [
        Article(id=f"a{n}", text=text, source=f"a{n}.txt", outlet=f"Outlet {n}")
        for n, text in enumerate(texts)
    ]
    unreachable = Settings(compare=CompareSettings(facts=FactSettings(same_fact=1.01)))
    default = compare_articles(articles)
    strict = compare_articles(articles, settings=unreachable)
    assert [fact.status for fact in default.facts].count("shared") == 1
    assert {fact.status for fact in strict.facts} == {"single"}

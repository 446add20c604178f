"""An article longer than a brief reads is compared by its first part, and the brief says so."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from builders import store_row
from newsprism.corpus import story_comparison
from newsprism.model import Article
from newsprism.pipeline import compare_articles
from newsprism.settings import CompareSettings, Settings
from newsprism.store import Store

PARAGRAPH = (
    "The council of Arden voted on Monday to rebuild the old bridge over the Aske. "
    "Mayor Ana Ruiz said the work would cost 4 million euros and start in May."
)
LONG = "\n\n".join(f"{PARAGRAPH} Part {number} of the report." for number in range(30))
SHORT = Settings(compare=CompareSettings(max_characters=1_000))


def test_a_long_article_is_cut_at_a_paragraph_and_noted() -> None:
    article = Article(id="long", text=LONG, source="long.txt", outlet="Ledger")
    other = Article(id="short", text=PARAGRAPH, source="short.txt", outlet="Post")
    comparison = compare_articles([article, other], settings=SHORT)
    compared = comparison.article("long")
    assert len(compared.text) <= 1_000 and LONG.startswith(compared.text)
    assert compared.text.endswith("of the report.")  # cut at a paragraph break
    assert all(span.end <= len(compared.text) for span in compared.sentences)
    [note] = comparison.skipped
    assert note.source == "long.txt" and f"of {len(LONG):,} characters" in note.reason
    assert comparison.article("short").text == PARAGRAPH
    assert any(len(fact.outlets) == 2 for fact in comparison.facts)


def test_a_stored_long_article_is_cut_the_same_way_in_its_story(tmp_path: Path) -> None:
    path = tmp_path / "long.db"
    with Store.open(path) as store:
        store.add_article(store_row(Article(id="long", text=LONG, source="long.txt"), story=1))
        store.add_article(store_row(Article(id="short", text=PARAGRAPH, source="short.txt"), story=1))
        comparison = story_comparison(store, 1, SHORT)
        again = story_comparison(store, 1, SHORT)  # from the annotations cached for the part
        whole = store.article(1)
    assert whole.text == LONG  # nothing of the stored article is lost
    assert [note.source for note in comparison.skipped] == ["long.txt"] == [n.source for n in again.skipped]
    assert replace(comparison.article("long"), text="") == replace(again.article("long"), text="")
    assert len(comparison.article("long").text) <= 1_000

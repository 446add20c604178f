"""The default brief folds what some outlets report to those told by the most outlets, and
says how many it leaves out; the HTML brief keeps them behind a note a reader can open."""

from __future__ import annotations

from dataclasses import replace

import lxml.html

from newsprism.model import Comparison
from newsprism.report import render
from newsprism.report.brevity import PARTIAL_SHOWN, fold
from newsprism.report.html import render_html

EXTRA = 12


def _many_partial(sample: Comparison) -> Comparison:
    """``sample`` with EXTRA more facts told by two of its three outlets (copies of its one
    partial fact, each a distinct object told the same way)."""
    [partial] = [fact for fact in sample.facts if fact.status == "partial"]
    assert not partial.differences
    extra = tuple(replace(partial, statements=tuple(partial.statements)) for _ in range(EXTRA))
    return replace(sample, facts=(*sample.facts, *extra))


def test_facts_some_outlets_report_are_cut_to_the_widest_and_the_rest_counted(sample: Comparison) -> None:
    many = _many_partial(sample)
    folded = fold(many)
    shown = [fact for fact in folded.comparison.facts if fact.status == "partial"]
    total = EXTRA + 1 - folded.above["partial"]  # what the summary states is not listed again
    assert len(shown) == PARTIAL_SHOWN
    assert f"and {total - PARTIAL_SHOWN} more facts carried by some outlets" in folded.notes
    assert f"and {total - PARTIAL_SHOWN} more facts carried by some outlets" in render(many, "text")
    kept = {id(fact) for fact in folded.comparison.facts}
    assert all(id(fact) in kept for fact in many.facts if fact.status == "shared" and fact.differences)


def test_a_partial_fact_with_a_difference_is_never_folded_away(sample: Comparison) -> None:
    many = _many_partial(sample)
    [shared] = [fact for fact in many.facts if fact.status == "shared" and fact.differences]
    differing = replace(shared, status="partial", outlets=shared.outlets[:2], statements=shared.statements[:2])
    many = replace(many, facts=(*many.facts, differing))
    assert any(fact is differing for fact in fold(many).comparison.facts)


def test_the_html_brief_keeps_the_folded_facts_behind_a_note(sample: Comparison) -> None:
    page = lxml.html.document_fromstring(render_html(_many_partial(sample)))
    [section] = page.xpath("//section[@id='partial']")
    listed = section.xpath("./ul[@class='items']/li")
    [folded] = section.xpath("./details[@class='more']")
    assert len(listed) == PARTIAL_SHOWN
    more = len(folded.xpath("./ul[@class='items']/li"))
    assert folded.findtext("summary") == f"and {more} more facts carried by some outlets" and more > 0

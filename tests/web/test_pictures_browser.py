"""The brief's pictures rendered by a real Chromium, in the light and the dark scheme."""

from __future__ import annotations

from typing import Any

from .test_browser import base_url, browser  # noqa: F401  (fixtures)


def _story_page(browser: Any, base_url: str, scheme: str) -> Any:  # noqa: F811
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(base_url + "/")
    page.get_by_role("link", name="Kestrel Bridge").first.click()
    page.wait_for_url("**/stories/*")
    return page


def _fill(page: Any, selector: str) -> str:
    return str(page.locator(selector).first.evaluate("element => getComputedStyle(element).fill"))


def test_coverage_bars_and_the_fact_matrix_are_drawn_in_both_schemes(browser: Any, base_url: str) -> None:  # noqa: F811
    fills = {}
    for scheme in ("light", "dark"):
        page = _story_page(browser, base_url, scheme)
        coverage = page.locator("svg.coverage")
        box = coverage.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 40
        bars = page.locator("svg.coverage g")
        assert bars.count() == page.locator("aside.texts article.source").count()
        # Each bar's parts fill it: their widths sum to the full bar.
        widths = bars.first.locator("rect").evaluate_all("rects => rects.map(r => r.getBBox().width)")
        assert abs(sum(widths) - 420) < 1
        assert "sentences" in page.locator("svg.coverage desc").text_content()
        matrix = page.locator("svg.matrix")
        assert matrix.bounding_box()["height"] > 60
        outlets = page.locator("svg.matrix text.column-label").count()
        rows = page.locator("svg.matrix text.row-label").count()
        assert outlets >= 2 and rows >= 1
        assert page.locator("svg.matrix rect").count() == outlets * rows
        chart = page.locator("svg.timeline-chart")
        assert chart.bounding_box()["width"] > 300
        assert page.locator("svg.timeline-chart rect.dot").count() >= 2
        fills[scheme] = (_fill(page, ".cov-shared"), _fill(page, "rect.cell-carries"))
        assert fills[scheme][0] not in ("none", "rgba(0, 0, 0, 0)")
        page.context.close()
    assert fills["light"] != fills["dark"]

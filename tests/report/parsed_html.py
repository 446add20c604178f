"""One HTML reader for the report tests: tags, visible text, and text by id and class.

Built on :mod:`html.parser`, as a browser-independent check of what a page contains.
"""

from __future__ import annotations

from html.parser import HTMLParser

_VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "source"}


class ParsedPage(HTMLParser):
    """Everything the tests ask of a page, gathered in one pass."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text_by_id: dict[str, str] = {}
        self.text_by_class: dict[str, str] = {}
        self._chunks: list[str] = []
        self._open: list[tuple[str, str | None, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag not in _VOID:
            self._open.append((tag, found.get("id"), (found.get("class") or "").split()))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if any(tag == "style" for tag, _, _ in self._open):
            return
        self._chunks.append(data)
        for _, element_id, classes in self._open:
            if element_id:
                self.text_by_id[element_id] = self.text_by_id.get(element_id, "") + data
            for name in classes:
                self.text_by_class[name] = self.text_by_class.get(name, "") + data

    @property
    def visible_text(self) -> str:
        """The page's text outside <style>, whitespace collapsed."""
        return " ".join("".join(self._chunks).split())

    def ids(self) -> list[str]:
        """Every id attribute, in page order."""
        return [attrs["id"] or "" for _, attrs in self.tags if "id" in attrs]

    def hrefs(self) -> list[str]:
        """Every link target, in page order."""
        return [attrs["href"] or "" for tag, attrs in self.tags if tag == "a" and "href" in attrs]


def parse_page(page: str) -> ParsedPage:
    """Read ``page`` whole."""
    parsed = ParsedPage()
    parsed.feed(page)
    parsed.close()
    return parsed

"""What a quoted stretch is: direct or partial speech, or no speech at all.

* **direct** when the quotation stands as speech (it opens a paragraph or sentence, or
  follows a colon, a comma or a speech verb with a capital letter), else **partial** (a
  fragment in running text: 'called for a "truce in the sky"').
* **scare quotes**: a quoted stretch of a few words (``QuoteSettings.scare_max_words``) that ends no
  sentence and has no speech cue in its sentence (a title, a term, 'so-called "peace
  plan"'), a title in running text, or a markup value, is not speech.
"""

from __future__ import annotations

from newsprism.annotate.quotes._marks import QuotedStretch
from newsprism.model import QuoteKind
from newsprism.settings import QuoteSettings

TRIM_PUNCTUATION = ".,;:!?'\"“”‘’()[]—–-"
CLOSING_MARKS = ('"', "”", "’")
NAMING_WORDS = frozenset(
    {"so-called", "dubbed", "titled", "entitled", "nicknamed", "named"}
)
DIRECT_LEAD_CHARACTERS = frozenset(".!?:;—–-")


def classify(
    text: str, stretch: QuotedStretch, settings: QuoteSettings = QuoteSettings()
) -> QuoteKind:
    """Direct when the quotation stands as speech, partial when it sits in running text."""
    paragraph_start = text.rfind("\n", 0, stretch.open_mark) + 1
    lead = text[paragraph_start : stretch.open_mark].rstrip()
    if not lead or lead[-1] in DIRECT_LEAD_CHARACTERS:
        return "direct"
    first = text[stretch.content_start : stretch.content_start + 1]
    if lead[-1] == "," and (first.isupper() or _resumes_quotation(lead, settings.interruption_characters)):
        return "direct"
    last_word = lead.split()[-1].strip(",").lower() if lead.split() else ""
    if first.isupper() and last_word in {
        "said",
        "says",
        "say",
        "added",
        "adds",
        "wrote",
        "tweeted",
    }:
        return "direct"
    return "partial"


def _resumes_quotation(lead: str, reach: int) -> bool:
    """'"We will build it," he said, "and pay for it."': a short cue clause between the
    marks, so the second part goes on with the first."""
    tail = lead[-reach:]
    return any(mark in tail for mark in CLOSING_MARKS)


def is_scare_quote(
    text: str,
    stretch: QuotedStretch,
    *,
    has_cue: bool,
    settings: QuoteSettings = QuoteSettings(),
) -> bool:
    """A quoted term, title or markup value rather than speech."""
    content = text[stretch.content_start : stretch.content_end]
    if text[stretch.open_mark - 1 : stretch.open_mark] == "=" or not any(
        c.isalpha() for c in content
    ):
        return True  # markup attribute values ('author="..."') and quoted numbers
    if _follows_colon(text, stretch):
        return False  # a colon announces words: 'had one message: "Go Home"'
    words = content.split()
    if (
        not has_cue
        and len(words) <= settings.title_max_words
        and _is_title_in_running_text(text, stretch, words)
    ):
        return True
    if len(words) > settings.scare_max_words:
        return False
    lead_words = (
        text[max(0, stretch.open_mark - 30) : stretch.open_mark].lower().split()
    )
    if (
        (lead_words
        and lead_words[-1] in NAMING_WORDS)
        or lead_words[-2:] == ["known", "as"]
    ):
        return True
    ends_sentence = content.rstrip()[-1:] in {".", "!", "?", ","}
    return not has_cue and not ends_sentence


def _follows_colon(text: str, stretch: QuotedStretch) -> bool:
    return text[: stretch.open_mark].rstrip().endswith(":")


def _is_title_in_running_text(
    text: str, stretch: QuotedStretch, words: list[str]
) -> bool:
    """'told ABC's "Good Morning America"': every long word capitalised, unlike the words
    before it (a headline in title case keeps its quotations)."""
    long_words = [
        word.strip(TRIM_PUNCTUATION)
        for word in words
        if len(word.strip(TRIM_PUNCTUATION)) > 3
    ]
    if not long_words or not all(word[:1].isupper() for word in long_words):
        return False
    paragraph_start = text.rfind("\n", 0, stretch.open_mark) + 1
    lead = text[paragraph_start : stretch.open_mark].split()[-6:]
    return any(len(word) > 3 and word[:1].islower() for word in lead)

"""Bytes to stored text: encoding detection and the one normalisation every offset relies on."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from newsprism.errors import ExtractionError, SourceError

_SNIFF_BYTES = 8192
_CHAOS_TIE = 0.01
_PREFERRED_ON_TIES = ("cp1252", "latin_1", "iso8859_15")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\u200b]")
_LINE_SEPARATORS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_BLANK_LINE_RUNS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Return ``text`` as newsprism stores it: the text every offset refers to.

    Line endings become ``\\n``, invisible control characters are dropped, trailing spaces
    are stripped, runs of blank lines shrink to one (a paragraph break), the whole is
    stripped and put in Unicode NFC. The function is deterministic and idempotent.
    """
    text = unify_line_endings(text)
    text = _CONTROL_CHARACTERS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_LINE_RUNS.sub("\n\n", text)
    return text.strip()


def unify_line_endings(text: str) -> str:
    """``\r\n``, ``\r`` and Unicode line separators all become ``\n``."""
    return _LINE_SEPARATORS.sub("\n", text)


def looks_binary(data: bytes) -> bool:
    """True when ``data`` starts like a binary file (NUL bytes), not text.

    UTF-16 and UTF-32 text with a byte-order mark holds NUL bytes too and is not binary.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:_SNIFF_BYTES]


def decode_text(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode ``data`` to text: UTF-8 when it fits, else the declared encoding, else a detected one.

    Strict UTF-8 comes first because a body that decodes as UTF-8 almost always is UTF-8,
    while declared encodings (HTTP headers, meta tags) are often wrong.

    Raises :class:`SourceError` for empty or binary input and when no encoding fits.
    """
    if not data.strip():
        raise ExtractionError(source, "empty file")
    if looks_binary(data):
        raise SourceError(source, "binary file, not text")
    for encoding in _candidate_encodings(data, declared):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return _detected_text(data, source)


def _detected_text(data: bytes, source: str) -> str:
    """Decode with the encoding charset-normalizer finds most plausible.

    Western code pages win ties: short texts often read equally well as cp1250 and cp1252,
    and news in the languages newsprism reads is far more often in the latter.
    """
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise SourceError(source, "could not tell the text encoding (not UTF-8 and no other fits)")
    least_chaos = min(match.chaos for match in matches)
    plausible = [match for match in matches if match.chaos <= least_chaos + _CHAOS_TIE]
    for encoding in _PREFERRED_ON_TIES:
        for match in plausible:
            if match.encoding == encoding:
                return str(match)
    return str(plausible[0])


def _candidate_encodings(data: bytes, declared: str | None) -> list[str]:
    """Encodings worth trying before detection, most trustworthy first."""
    if data.startswith(codecs.BOM_UTF8):
        return ["utf-8-sig"]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ["utf-16"]
    return ["utf-8", declared] if declared else ["utf-8"]


def describe_size(limit: int) -> str:
    """A byte count as a person reads it: ``10_000_000`` -> ``"10 MB"``."""
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if limit >= size:
            return f"{limit / size:g} {unit}"
    return f"{limit} bytes"


def describe_seconds(seconds: float) -> str:
    """A duration as a person reads it: ``10.0`` -> ``"10 s"``."""
    return f"{seconds:g} s"

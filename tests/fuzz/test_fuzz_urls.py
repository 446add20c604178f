"""URLs: any string is told apart from a path and normalised without an error, and a URL
source, whatever its server sends back, gives an article or one failure.

Pages come from a fake opener (the :class:`~newsprism.ingest.Fetcher` seam), never a network.
"""

from __future__ import annotations

import email.message
import io
import urllib.error
import urllib.request

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz.fuzzing import OFFLINE, PROSE, damaged, fuzz_settings, read_checked
from newsprism.ingest import Fetcher, Ingested, is_url, normalise_url

HOSTS = st.one_of(
    st.sampled_from(["herald.example", "WWW.Herald.Example.", "127.0.0.1", "[::1]", "xn--bcher-kva.example", "bücher.example", "", "a..b", "-x-.example"]),
    st.text(alphabet=st.characters(exclude_characters="[]/?#@:"), max_size=15),
)
"""Hosts; brackets only as a well-formed IPv6 literal (a stray one is tested on its own below)."""
PATH_PARTS = st.sampled_from(["", "a", "..", ".", "%41", "%zz", "%E2%82%AC", "€", "//", "a b", ";p=1", "~u"])
QUERY_PARTS = st.sampled_from(["utm_source=x", "b=2", "a=1", "fbclid=1", "a=", "=", "&&", "x=%FF", "q=a+b", "é=ü"])


@st.composite
def urls(draw: st.DrawFn) -> str:
    """URLs assembled from their parts, right and wrong, plus arbitrary text."""
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "hTtPs", "ftp", "file", "javascript", ""]))
    userinfo = draw(st.sampled_from(["", "user@", "user:pass@", "@"]))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080", ":0", ":", ":99999", ":abc"]))
    path = "/" + "/".join(draw(st.lists(PATH_PARTS, max_size=5)))
    query = "&".join(draw(st.lists(QUERY_PARTS, max_size=4)))
    fragment = draw(st.sampled_from(["", "#top", "#"]))
    url = f"{scheme}://{userinfo}{draw(HOSTS)}{port}{path}" + (f"?{query}" if query else "") + fragment
    return draw(st.sampled_from(["", " ", "\t"])) + url + draw(st.sampled_from(["", " ", "\n"]))


@fuzz_settings(500)
@given(st.one_of(urls(), st.text(alphabet=st.characters(exclude_characters="[]"), max_size=40)))
def test_any_string_is_a_url_or_not_and_normalises_once(text: str) -> None:
    normal = normalise_url(text)
    assert normalise_url(normal) == normal
    assert is_url(normal) == is_url(text)


@pytest.mark.parametrize("text", ["http://[", "http://a]b/", "https://[x]/", "http://[::1", "http://[::1]:99999/"])
def test_a_stray_bracket_is_a_url_that_fails_as_one(text: str) -> None:
    """Found by this fuzzing (urlsplit's "Invalid IPv6 URL" escaped is_url); fixed in urls.py."""
    assert is_url(text)
    assert normalise_url(normalise_url(text)) == normalise_url(text)
    failures = read_checked([text], OFFLINE, fetcher=Fetcher(OFFLINE, opener=refuse_to_connect))
    assert len(failures) == 1 and not isinstance(failures[0], Ingested)


def refuse_to_connect(request: urllib.request.Request, timeout: float) -> FakeResponse:
    raise urllib.error.URLError(ConnectionRefusedError(111, "Connection refused"))


@pytest.mark.parametrize(
    "url", ["http://herald.example/%2F", "http://herald.example/a/%2F/b", "https://www.herald.example/%2F/%2F?b=2"]
)
def test_an_encoded_slash_normalises_once(url: str) -> None:
    """Found by this fuzzing: the path was unquoted whole, so "%2F" became a real slash on
    the second pass and two different pages could share a key; fixed in urls.py."""
    normal = normalise_url(url)
    assert normalise_url(normal) == normal
    assert "%2F" in normal


class FakeResponse(io.BytesIO):
    """What urllib's ``urlopen`` returns, as much as the fetcher reads of it."""

    def __init__(self, url: str, content_type: str | None, body: bytes) -> None:
        super().__init__(body)
        self.url = url
        self.headers = email.message.Message()
        if content_type is not None:
            self.headers["Content-Type"] = content_type

    def geturl(self) -> str:
        return self.url


CONTENT_TYPES = st.sampled_from(
    [None, "text/html", "text/html; charset=koi8-r", "text/plain", "text/plain; charset=nonsense", "application/json",
     "application/rss+xml", "application/atom+xml", "text/xml", "application/xml", "image/png", "application/octet-stream",
     "text/html; charset=", "garbage", ""]
)
BODIES = st.one_of(
    st.binary(max_size=500),
    PROSE.map(str.encode),
    st.sampled_from(
        [b"<html><body><p>" + b"The harbour bridge reopened on Monday after eight months of repairs. " * 3 + b"</p></body></html>",
         b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>T</title><description>Body text here.</description></item></channel></rss>',
         b'{"id": "r1", "text": "The bridge reopened."}', b'[{"text": 1}]', b"\xff\xfe<\x00h\x00"]
    ),
)


@fuzz_settings(250)
@given(CONTENT_TYPES, BODIES, st.data())
def test_a_url_source_gives_an_article_or_one_failure(content_type: str | None, body: bytes, data: st.DataObject) -> None:
    served = data.draw(damaged(body))

    def opener(request: urllib.request.Request, timeout: float) -> FakeResponse:
        return FakeResponse(request.full_url, content_type, served)

    read_checked(["https://herald.example/story"], OFFLINE, fetcher=Fetcher(OFFLINE, opener=opener))

"""normalise_url: one key per page, whatever form its address was written in."""

from __future__ import annotations

import pytest

from newsprism.ingest import is_url, normalise_url
from newsprism.ingest.urls import host_key, outlet_from_url


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("HTTPS://News.Example.COM/World/Story", "https://news.example.com/World/Story"),
        ("https://example.com/story#comments", "https://example.com/story"),
        ("http://example.com:80/story", "http://example.com/story"),
        ("https://example.com:443/story", "https://example.com/story"),
        ("https://example.com:8443/story", "https://example.com:8443/story"),
        ("https://example.com/story/", "https://example.com/story"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/", "https://example.com/"),
        ("https://example.com/a/./b/../story", "https://example.com/a/story"),
        ("https://example.com/story?utm_source=rss&utm_medium=feed", "https://example.com/story"),
        ("https://example.com/story?id=7&fbclid=abc&page=2", "https://example.com/story?id=7&page=2"),
        ("https://example.com/story?page=2&id=7", "https://example.com/story?id=7&page=2"),
        ("https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9"),
        ("https://example.com/café", "https://example.com/caf%C3%A9"),
        ("https://user:secret@example.com/story", "https://example.com/story"),
        ("  https://example.com/story  ", "https://example.com/story"),
        ("https://Bücher.example/story", "https://xn--bcher-kva.example/story"),
        ("http://[::1]:8080/story", "http://[::1]:8080/story"),
        ("http://[::1]:80/story", "http://[::1]/story"),
        ("http://example.com:notaport/story", "http://example.com:notaport/story"),
    ],
)
def test_equivalent_addresses_normalise_to_one_key(written: str, normal: str) -> None:
    assert normalise_url(written) == normal


def test_normalising_is_idempotent() -> None:
    url = "HTTP://Example.com:80/a/../b/?utm_campaign=x&q=1#top"
    assert normalise_url(normalise_url(url)) == normalise_url(url)


def test_different_pages_keep_different_keys() -> None:
    assert normalise_url("https://example.com/story?id=1") != normalise_url("https://example.com/story?id=2")
    assert normalise_url("http://example.com/story") != normalise_url("https://example.com/story")


def test_only_http_and_https_are_urls() -> None:
    assert is_url("https://example.com/x")
    assert is_url("HTTP://example.com")
    assert not is_url("/home/me/story.txt")
    assert not is_url("file:///etc/passwd")
    assert not is_url("story.txt")


def test_outlet_is_the_domain_without_www() -> None:
    assert outlet_from_url("https://www.Coastal-Herald.example/news/1") == "coastal-herald.example"


def test_host_key_keeps_a_non_default_port() -> None:
    assert host_key("http://127.0.0.1:8123/a/b?c=d") == "http://127.0.0.1:8123"

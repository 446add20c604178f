"""URLs: telling them from paths, one canonical form per page, and the outlet a domain names."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid", "ito"}
)
_TRACKING_PREFIXES = ("utm_", "_ga", "at_medium", "at_campaign")


_HTTP_SCHEME = re.compile(r"\s*https?:", re.IGNORECASE)


def is_url(source: str) -> bool:
    """True when ``source`` is an http(s) URL rather than a path (well formed or not: a
    malformed one then fails as a URL, with its reason)."""
    return _HTTP_SCHEME.match(source) is not None


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be fetched ("invalid IPv6 URL", "no host", ...), or None."""
    try:
        parts = urlsplit(url.strip())
        _ = parts.port
    except ValueError as error:
        return f"invalid URL ({str(error)[0].lower()}{str(error)[1:]})"
    if parts.scheme.lower() not in _DEFAULT_PORTS:
        return "invalid URL (not http or https)"
    if not parts.hostname:
        return "invalid URL (no host)"
    if any(character.isspace() or ord(character) < 32 for character in url.strip()):
        return "invalid URL (it holds a space or a control character)"
    return None


def normalise_url(url: str) -> str:
    """Return one canonical form of ``url`` so that the same page gets the same key.

    Lowercases scheme and host, drops the fragment, default ports, user info and tracking
    parameters (``utm_*``, ``fbclid``, ...), sorts the remaining query parameters, resolves
    ``.``/``..`` segments, and drops a trailing slash except on the root path ("/").
    Percent-encoding is made uniform. Anything that is not an http(s) URL is returned stripped.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # malformed ("http://[::1"): keep the address as written
        return url.strip()
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        return url.strip()
    host = _ascii_host((parts.hostname or "").rstrip("."))
    try:
        port = parts.port if parts.port not in (None, _DEFAULT_PORTS[scheme]) else None
    except ValueError:  # a port that is not a number: keep the address as written
        return url.strip()
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((scheme, netloc, _normalise_path(parts.path), _normalise_query(parts.query), ""))


def _ascii_host(host: str) -> str:
    """The host in its ASCII (IDNA) form, IPv6 addresses in brackets."""
    if ":" in host:
        return f"[{host}]"
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _normalise_path(path: str) -> str:
    """Resolve dot segments, unify percent-encoding, drop a trailing slash (not the root)."""
    if not path:
        return "/"
    resolved = posixpath.normpath(path)
    if path.startswith("//") or resolved.startswith("//"):
        resolved = "/" + resolved.lstrip("/")
    # Each segment on its own, so an encoded slash (%2F) stays one and never splits a segment.
    resolved = "/".join(quote(unquote(segment), safe=":@!$&'()*+,;=-._~") for segment in resolved.split("/"))
    return resolved if resolved == "/" else resolved.rstrip("/")


def _normalise_query(query: str) -> str:
    """Drop tracking parameters and sort the rest so their order does not matter."""
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [
        (name, value)
        for name, value in pairs
        if name.lower() not in _TRACKING_PARAMETERS and not name.lower().startswith(_TRACKING_PREFIXES)
    ]
    return urlencode(sorted(kept))


def outlet_from_url(url: str) -> str | None:
    """The host of ``url`` without ``www.``, as an outlet name of last resort."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return None
    host = host.removeprefix("www.")
    return host or None


def host_key(url: str) -> str:
    """``scheme://host[:port]`` of ``url``: the unit for robots.txt and per-host delays."""
    try:
        parts = urlsplit(normalise_url(url))
    except ValueError:
        return url.strip()
    return f"{parts.scheme}://{parts.netloc}"

"""The addresses at a postcode, from the Ordnance Survey Places API, and the council of each.

Councils use the Places API free under the Public Sector Geospatial Agreement. Each address
carries its local custodian code: the council that keeps it in AddressBase. That names the
council exactly where a postcode district or sector crosses a boundary, which the postcode table
can only answer with "ask the resident". It is a help, never a gate: without OS_PLACES_API_KEY,
or when the API is slow (OS_PLACES_TIMEOUT, 2 seconds in all), fails, or answers in a shape this
module does not expect, ``lookup`` returns None and callers use forms/postcodes.yaml.

A form looks the same postcode up on several pages, so answers are kept in this process for a
few minutes. Neither the postcode (beside a person's details it helps identify them) nor the key
is ever logged: a failure is logged by its kind only.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass

from flask import current_app, has_app_context

from portal.config import OS_PLACES_POSTCODE_URL
from portal.districts import council_for_custodian_code
from portal.places.postcodes import is_valid, normalise

log = logging.getLogger(__name__)

PAGE_SIZE = 100  # the most the API gives in one answer
MAX_PAGES = 5  # 500 addresses, more than nearly any postcode has; past that the answer is partial
MAX_BYTES = 2_000_000  # per page: 100 addresses are about 150 kB
ANSWER_SECONDS = 600
FAILURE_SECONDS = 30  # long enough that one form does not wait on every page during an outage
CACHE_SIZE = 2000


@dataclass(frozen=True)
class Address:
    uprn: str  # Unique Property Reference Number: what staff systems match on
    text: str  # one line as Royal Mail writes it: "1, HIGH STREET, CHELMSFORD, CM1 1AA"
    town: str
    postcode: str
    council: str  # a district id from config/districts.yaml, southend, thurrock or outside


@dataclass(frozen=True)
class Lookup:
    postcode: str
    addresses: tuple[Address, ...]
    complete: bool  # False when the postcode has more addresses than were read in time

    @property
    def councils(self) -> tuple[str, ...]:
        """Every council with an address at the postcode, most addresses first."""
        counts = Counter(address.council for address in self.addresses)
        return tuple(council for council, _ in counts.most_common())

    @property
    def council(self) -> str | None:
        """The council, when every address at the postcode is in the same one."""
        councils = self.councils
        return councils[0] if self.complete and len(councils) == 1 else None


class _Unusable(Exception):
    """The answer is not one this module can trust; the message says why, never the postcode."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect would carry the key header to another address: treat it as a failure instead.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)
_cache: dict[tuple[str, str], tuple[float, Lookup | None]] = {}
_lock = threading.Lock()
_MISSING = object()


def lookup(postcode: str) -> Lookup | None:
    """The addresses at ``postcode`` and their councils, or None: use the postcode table."""
    settings = _settings()
    if settings is None or not is_valid(postcode):
        return None
    key, url, timeout = settings
    postcode = normalise(postcode)
    found = _cached((url, postcode))
    if found is not _MISSING:
        return found
    try:
        found = _fetch(url, key, postcode, timeout)
    except Exception as error:  # any failure at all means "use the table", never an error page
        if isinstance(error, urllib.error.HTTPError):
            error.close()
        log.warning(
            "OS Places lookup failed (%s); using the postcode table",
            _kind(error),
            extra={"event": "os-places-failed"},
        )
        found = None
    _remember((url, postcode), found)
    return found


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _settings() -> tuple[str, str, float] | None:
    if not has_app_context():
        return None
    config = current_app.config
    key = config.get("OS_PLACES_API_KEY")
    if not key:
        return None
    url = config.get("OS_PLACES_URL") or OS_PLACES_POSTCODE_URL
    if not url.startswith(("https://", "http://")):
        return None  # never file: or another scheme urllib would open
    return key, url, float(config.get("OS_PLACES_TIMEOUT") or 2.0)


def _fetch(url: str, key: str, postcode: str, timeout: float) -> Lookup:
    deadline = time.monotonic() + timeout  # one budget for every page, not one per request
    addresses: list[Address] = []
    total = 0
    for _ in range(MAX_PAGES):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        page = _page(url, key, postcode, len(addresses), remaining)
        header = page.get("header")
        if not isinstance(header, dict) or not isinstance(header.get("totalresults"), int):
            raise _Unusable("no header.totalresults")
        total = header["totalresults"]
        results = page.get("results", [])  # the API leaves it out when nothing matches
        if not isinstance(results, list):
            raise _Unusable("results is not a list")
        addresses.extend(_address(result, postcode) for result in results)
        if not results or len(addresses) >= total:
            break
    return Lookup(postcode, tuple(addresses), complete=len(addresses) >= total)


def _page(url: str, key: str, postcode: str, offset: int, timeout: float) -> dict:
    query = urllib.parse.urlencode(
        {"postcode": postcode, "dataset": "DPA", "maxresults": PAGE_SIZE, "offset": offset}
    )
    request = urllib.request.Request(  # noqa: S310 - _settings allows only http(s)
        f"{url}{'&' if '?' in url else '?'}{query}",
        # The key goes in a header (the API accepts either) so it never sits in an access log.
        headers={"key": key, "Accept": "application/json"},
    )
    with _opener.open(request, timeout=timeout) as response:
        body = response.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise _Unusable("answer too large")
    page = json.loads(body)
    if not isinstance(page, dict):
        raise _Unusable("answer is not a JSON object")
    return page


def _address(result: object, postcode: str) -> Address:
    dpa = result.get("DPA") if isinstance(result, dict) else None
    if not isinstance(dpa, dict):
        raise _Unusable("a result without DPA")
    try:
        code = int(dpa["LOCAL_CUSTODIAN_CODE"])
        address = Address(
            uprn=str(dpa["UPRN"]),
            text=str(dpa["ADDRESS"]),
            town=str(dpa.get("POST_TOWN") or ""),
            postcode=normalise(str(dpa["POSTCODE"])),
            council=council_for_custodian_code().get(code, "outside"),
        )
    except (KeyError, TypeError, ValueError):
        raise _Unusable("an address without UPRN, ADDRESS, POSTCODE or custodian code") from None
    if address.postcode != postcode:
        raise _Unusable("an address at another postcode")
    return address


def _kind(error: Exception) -> str:
    """What went wrong, without the message: urllib's messages can hold the address asked for."""
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code}"
    if isinstance(error, TimeoutError) or "timed out" in str(getattr(error, "reason", "")):
        return "no answer in time"
    if isinstance(error, _Unusable):
        return f"unusable answer: {error}"
    if isinstance(error, ValueError):
        return "unreadable answer"
    return type(error).__name__


def _cached(key: tuple[str, str]):
    with _lock:
        entry = _cache.get(key)
    return entry[1] if entry and entry[0] > time.monotonic() else _MISSING


def _remember(key: tuple[str, str], found: Lookup | None) -> None:
    expires = time.monotonic() + (ANSWER_SECONDS if found is not None else FAILURE_SECONDS)
    with _lock:
        if len(_cache) >= CACHE_SIZE:
            _cache.pop(next(iter(_cache)))  # the oldest: dicts keep insertion order
        _cache.pop(key, None)
        _cache[key] = (expires, found)

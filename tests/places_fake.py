"""A local stand-in for the Ordnance Survey Places API, answering in its documented shape.

The answers follow the Places API's postcode response: a header with totalresults, then
results[].DPA with UPRN, ADDRESS, POSTCODE and LOCAL_CUSTODIAN_CODE (an integer) with its
description. The addresses are made up for the tests. The `running_server` fixture (in
tests/conftest.py) runs one for a test module.
"""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CUSTODIANS = {1510: "BRAINTREE", 1545: "MALDON", 1570: "UTTLESFORD", 1915: "EAST HERTFORDSHIRE"}


def dpa(postcode: str, number: int, custodian: int, street="MILL LANE", town="CHELMSFORD"):
    return {
        "DPA": {
            "UPRN": str(100090000000 + number),
            "UDPRN": str(50000000 + number),
            "ADDRESS": f"{number}, {street}, {town}, {postcode}",
            "BUILDING_NUMBER": str(number),
            "THOROUGHFARE_NAME": street,
            "POST_TOWN": town,
            "POSTCODE": postcode,
            "STATUS": "APPROVED",
            "LOGICAL_STATUS_CODE": "1",
            "CLASSIFICATION_CODE": "RD03",
            "LOCAL_CUSTODIAN_CODE": custodian,
            "LOCAL_CUSTODIAN_CODE_DESCRIPTION": CUSTODIANS[custodian],
            "COUNTRY_CODE": "E",
            "MATCH": 1.0,
            "MATCH_DESCRIPTION": "EXACT",
        }
    }


def answer(postcode: str, results: list, offset: int = 0, total: int | None = None) -> bytes:
    header = {
        "uri": "https://api.os.uk/search/places/v1/postcode?postcode=" + postcode,
        "query": "postcode=" + postcode,
        "offset": offset,
        "totalresults": len(results) if total is None else total,
        "format": "JSON",
        "dataset": "DPA",
        "maxresults": 100,
        "output_srs": "EPSG:27700",
    }
    body = {"header": header, **({"results": results} if results else {})}
    return json.dumps(body).encode()


class PlacesServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict = {}  # postcode -> (status, body, delay seconds) or a function of offset
        self.requests: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/search/places/v1/postcode"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        query = {name: values[0] for name, values in parse_qs(urlsplit(self.path).query).items()}
        self.server.requests.append({"query": query, "key": self.headers.get("key")})
        route = self.server.routes.get(query.get("postcode"), (400, b"{}", 0))
        status, body, delay = route(int(query.get("offset", 0))) if callable(route) else route
        time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the portal gave up waiting, as it should

    def log_message(self, *args):
        pass

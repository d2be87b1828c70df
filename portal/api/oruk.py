"""The Open Referral UK 3.0 API over the local services directory, for partners to reuse.

GET /api/oruk/                 about this API
GET /api/oruk/services         paged list (page, per_page, search; district and language too)
GET /api/oruk/services/{id}    one fully nested service
GET /api/oruk/openapi.json     the OpenAPI document for these endpoints
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request, url_for

from portal import oruk
from portal.data import directory as data
from portal.districts import district_ids

bp = Blueprint("oruk_api", __name__, url_prefix="/api/oruk")

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50


class BadRequest(ValueError):
    pass


def _whole_number(name: str, default: int, minimum: int, maximum: int | None = None) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number") from None
    if value < minimum or (maximum is not None and value > maximum):
        limit = f"between {minimum} and {maximum}" if maximum else f"at least {minimum}"
        raise BadRequest(f"{name} must be {limit}")
    return value


def _json(body, status: int = 200):
    response = jsonify(body)
    response.status_code = status
    # Public data: any site may read it from a browser.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@bp.get("/")
def about():
    return _json(
        {
            "version": oruk.ORUK_VERSION,
            "profile": oruk.PROFILE_URL,
            "openapi_url": url_for("oruk_api.openapi", _external=True),
        }
    )


@bp.get("/services")
def services():
    try:
        page = _whole_number("page", 1, 1)
        per_page = _whole_number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
        district = request.args.get("district") or None
        if district and district not in district_ids():
            raise BadRequest(f"district must be one of {', '.join(district_ids())}")
    except BadRequest as error:
        return _json({"error": str(error)}, 400)
    found, total = data.find_services(
        district=district,
        language=(request.args.get("language") or "").lower() or None,
        text=(request.args.get("search") or "").strip()[:200] or None,
        page=page,
        per_page=per_page,
    )
    return _json(oruk.page([oruk.list_item(service) for service in found], total, page, per_page))


@bp.get("/services/<service_id>")
def service(service_id: str):
    found = data.service(service_id)
    if found is None:
        return _json({"error": "No service has this id"}, 404)
    return _json(found.document)


@bp.get("/openapi.json")
def openapi():
    return _json(OPENAPI)


_PAGE_SCHEMA = {
    "type": "object",
    "required": [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ],
    "properties": {
        "total_items": {"type": "integer"},
        "total_pages": {"type": "integer"},
        "page_number": {"type": "integer"},
        "size": {"type": "integer"},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": {"type": "array", "items": {"type": "object"}},
    },
}


def _query(name: str, kind: str, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": kind},
    }


OPENAPI = {
    "openapi": "3.0.3",
    "info": {
        "title": "Essex local services directory (Open Referral UK 3.0)",
        "version": oruk.ORUK_VERSION,
        "description": "Local services for adults and carers in Essex, in the Open Referral UK "
        "3.0 profile. Read-only and public.",
    },
    "paths": {
        "/api/oruk/": {
            "get": {
                "summary": "About this API",
                "responses": {"200": {"description": "Version, profile and OpenAPI address"}},
            }
        },
        "/api/oruk/services": {
            "get": {
                "summary": "A page of services with their one-to-one fields",
                "parameters": [
                    _query("page", "integer", "Page number, from 1"),
                    _query("per_page", "integer", f"Services per page, 1 to {MAX_PER_PAGE}"),
                    _query("search", "string", "Words in the service's name or description"),
                    _query("district", "string", "One of the 12 Essex districts, e.g. chelmsford"),
                    _query(
                        "language",
                        "string",
                        "ISO 639 code; also matches services that arrange interpreters",
                    ),
                ],
                "responses": {
                    "200": {
                        "description": "A page of services",
                        "content": {"application/json": {"schema": _PAGE_SCHEMA}},
                    },
                    "400": {"description": "A query parameter is not valid"},
                },
            }
        },
        "/api/oruk/services/{id}": {
            "get": {
                "summary": "One fully nested service",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {"description": "The service"},
                    "404": {"description": "No service has this id"},
                },
            }
        },
    },
}

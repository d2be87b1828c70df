"""The local services directory: browse and filter by district and language (ORUK data comes in
through portal/oruk.py)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from portal.data import directory as data
from portal.districts import district_ids, district_names, districts
from portal.i18n import localised_route

bp = Blueprint("directory", __name__)

PER_PAGE = 20
# Languages people can filter by: the portal's own and the most spoken in England after English
# (Census 2021, TS024). A service matches if it works in the language or arranges interpreters.
FILTER_LANGUAGES = {
    "en": _l("English"),
    "pl": _l("Polish"),
    "ro": _l("Romanian"),
    "pa": _l("Panjabi"),
    "ur": _l("Urdu"),
    "pt": _l("Portuguese"),
    "es": _l("Spanish"),
    "ar": _l("Arabic"),
    "bn": _l("Bengali"),
    "gu": _l("Gujarati"),
    "uk": _l("Ukrainian"),
    "bfi": _l("British Sign Language"),
}


def _service_arguments() -> list[dict]:
    return [{"service_id": service_id} for service_id in data.active_service_ids()]


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


@localised_route(bp, "/services", sitemap=True)
def index():
    district = request.args.get("district") or None
    language = request.args.get("language") or None
    errors = []
    if district and district not in district_ids():
        errors.append({"text": gettext("Select a district from the list"), "href": "#district"})
        district = None
    if language and language not in FILTER_LANGUAGES:
        errors.append({"text": gettext("Select a language from the list"), "href": "#language"})
        language = None
    page = _page_number()
    services, total = data.find_services(
        district=district, language=language, page=page, per_page=PER_PAGE
    )
    last_page = max(1, -(-total // PER_PAGE))
    pages = [
        {
            "number": number,
            "href": url_for(
                "directory.index",
                page=number,
                **{k: v for k, v in (("district", district), ("language", language)) if v},
            ),
            "current": number == page,
        }
        for number in range(1, last_page + 1)
    ]
    return render_template(
        "directory/index.html",
        services=services,
        total=total,
        district=district,
        language=language,
        districts=districts(),
        languages=FILTER_LANGUAGES,
        errors=errors,
        pages=pages if last_page > 1 else [],
    )


@localised_route(bp, "/services/<service_id>", sitemap=_service_arguments)
def service(service_id: str):
    found = data.service(service_id)
    if found is None or found.status != "active":
        abort(404)
    names = district_names()
    covered = [names[row.district] for row in found.districts]
    return render_template(
        "directory/service.html",
        service=found,
        document=found.document,
        areas=None if len(covered) == len(names) else covered,
    )

"""Machine-facing routes: health check, sitemap and robots.txt."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, redirect, render_template, request, url_for
from sqlalchemy.exc import SQLAlchemyError

from portal.data import db
from portal.i18n import DEFAULT_LOCALE, LANGUAGES, SITEMAP_ENDPOINTS, localised_url

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
def healthz():
    """For the load balancer: 200 when the portal can serve, 503 when its database is down."""
    engine = db.engine.dialect.name
    try:
        db.ping()
    except SQLAlchemyError:
        body = {"status": "unavailable", "database": {"status": "unavailable", "engine": engine}}
        response = jsonify(body)
        response.status_code = 503
    else:
        response = jsonify({"status": "ok", "database": {"status": "ok", "engine": engine}})
    response.headers["Cache-Control"] = "no-store"
    return response


def sitemap_pages() -> list[dict]:
    """Every public page in every locale, each with its alternates in the other locales."""
    pages = []
    for endpoint, list_arguments in SITEMAP_ENDPOINTS.items():
        for values in list_arguments() if list_arguments else [{}]:
            alternates = [
                {
                    "hreflang": language.code,
                    "href": localised_url(endpoint, language.code, _external=True, **values),
                }
                for language in LANGUAGES
            ]
            default = localised_url(endpoint, DEFAULT_LOCALE, _external=True, **values)
            alternates.append({"hreflang": "x-default", "href": default})
            pages.extend(
                {"loc": alternate["href"], "alternates": alternates}
                for alternate in alternates[: len(LANGUAGES)]
            )
    return pages


@bp.get("/sitemap.xml")
def sitemap():
    xml = render_template("ops/sitemap.xml", pages=sitemap_pages())
    return Response(xml, mimetype="application/xml")


@bp.get("/robots.txt")
def robots():
    # The staff pages also say noindex themselves (X-Robots-Tag), for crawlers that ignore this.
    body = (
        "User-agent: *\nDisallow: /healthz\nDisallow: /staff\n"
        f"Sitemap: {url_for('ops.sitemap', _external=True)}\n"
    )
    return Response(body, mimetype="text/plain")


@bp.get("/en/", defaults={"rest": ""})
@bp.get("/en/<path:rest>")
def english_prefix(rest: str):
    """English lives at the root; an /en/ address someone typed or shared still works."""
    query = request.query_string.decode("latin-1")
    return redirect("/" + rest + (f"?{query}" if query else ""), code=301)

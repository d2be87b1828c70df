"""The start page and the pages every public service must have."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from flask import render_template

from portal.i18n import localised_route
from portal.public import bp

# Update `reviewed` whenever the statement is checked again (regulation 8 asks for regular review).
ACCESSIBILITY_STATEMENT = SimpleNamespace(prepared=date(2026, 11, 23), reviewed=date(2026, 11, 23))


@localised_route(bp, "/", sitemap=True)
def start():
    return render_template("public/start.html")


@localised_route(bp, "/contact", sitemap=True)
def contact():
    return render_template("public/contact.html")


@localised_route(bp, "/accessibility-statement", sitemap=True)
def accessibility():
    return render_template("public/accessibility.html", statement=ACCESSIBILITY_STATEMENT)


@localised_route(bp, "/privacy", sitemap=True)
def privacy():
    return render_template("public/privacy.html")


@localised_route(bp, "/cookies", sitemap=True)
def cookies():
    return render_template("public/cookies.html")

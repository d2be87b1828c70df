"""The public pages: present in every language, linked from every page, listed in the sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from portal.i18n import LOCALE_CODES

PAGES = ["/", "/contact", "/accessibility-statement", "/privacy", "/cookies", "/feedback"]


def localised(path: str, locale: str) -> str:
    return path if locale == "en" else f"/{locale}{path}"


@pytest.mark.parametrize("locale", LOCALE_CODES)
@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_answers_in_every_language(client, path, locale):
    response = client.get(localised(path, locale))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{locale}" dir="{"rtl" if locale == "ur" else "ltr"}"' in html


def test_start_page_offers_the_phone_numbers_and_what_exists(client):
    html = client.get("/").get_data(as_text=True)
    assert "Get support from adult social care in Essex" in html
    assert 'href="tel:03456037630"' in html
    assert 'href="tel:999"' in html
    assert 'href="/contact"' in html


def test_every_page_has_the_furniture_a_public_service_needs(client):
    html = client.get("/cookies").get_data(as_text=True)
    assert 'class="govuk-skip-link"' in html and 'href="#main-content"' in html
    assert "Essex Adult Social Care" in html
    assert "govuk-phase-banner" in html
    assert 'aria-label="Choose a language"' in html
    for target in ("/accessibility-statement", "/privacy", "/cookies", "/contact"):
        assert f'class="govuk-footer__link" href="{target}"' in html
    # The help block, with the phone numbers, in the same place on every page.
    assert html.index('id="app-help-heading"') > html.index("</main>")
    assert html.index('id="app-help-heading"') < html.index("<footer")


def test_council_service_does_not_use_the_crown_or_gds_transport(client):
    html = client.get("/").get_data(as_text=True)
    assert "govuk-header__logotype" not in html
    assert "govuk-footer__crown" not in html
    assert "govuk-generic-header" in html
    assert "Crown copyright" not in html


def test_polish_page_keeps_polish_when_following_links(client):
    html = client.get("/pl/").get_data(as_text=True)
    footer = html[html.index("<footer") :]
    links = re.findall(r'href="(/[^"]*)"', footer)
    assert links and all(link.startswith("/pl/") for link in links)


def test_urdu_page_is_right_to_left(client):
    html = client.get("/ur/contact").get_data(as_text=True)
    assert '<html lang="ur" dir="rtl"' in html
    # Phone numbers read left to right inside the right-to-left page.
    assert 'href="tel:03456037630" dir="ltr"' in html


def test_language_switcher_links_to_the_same_page_in_each_language(client):
    html = client.get("/pl/privacy").get_data(as_text=True)
    assert 'href="/privacy" hreflang="en" lang="en" dir="ltr"' in html
    assert 'href="/ur/privacy" hreflang="ur" lang="ur" dir="rtl"' in html
    assert 'aria-current="true" lang="pl"' in html


def test_alternate_links_name_every_language(client):
    html = client.get("/contact").get_data(as_text=True)
    for code in LOCALE_CODES:
        assert f'rel="alternate" hreflang="{code}"' in html
    assert 'hreflang="x-default" href="http://localhost/contact"' in html


def test_unknown_language_prefix_is_not_found(client):
    assert client.get("/fr/contact").status_code == 404


def test_english_prefix_redirects_to_the_address_without_it(client):
    response = client.get("/en/contact")
    assert response.status_code == 301
    assert response.headers["Location"] == "/contact"


def test_sitemap_lists_every_page_in_every_language_and_each_answers(app, client):
    response = client.get("/sitemap.xml")
    assert response.mimetype == "application/xml"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ET.fromstring(response.data).findall("s:url/s:loc", namespace)]
    expected = {
        f"http://localhost{localised(path, code)}" for path in PAGES for code in LOCALE_CODES
    }
    advice = {
        f"http://localhost{localised('/advice/' + page.id, code)}"
        for page in app.extensions["frontdoor.content"].english()
        for code in LOCALE_CODES
    }
    assert expected | advice <= set(locations)
    assert len(locations) == len(set(locations))
    for location in locations:
        assert client.get(location.removeprefix("http://localhost")).status_code == 200


def test_robots_points_to_the_sitemap(client):
    body = client.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap: http://localhost/sitemap.xml" in body


def test_opening_hours_read_naturally_in_english(client):
    html = client.get("/contact").get_data(as_text=True)
    assert "Monday to Thursday, 8:45am to 5pm" in html
    assert "Friday, 8:45am to 4:30pm" in html


def test_opening_hours_use_polish_day_names(client):
    html = client.get("/pl/contact").get_data(as_text=True)
    assert "poniedziałek" in html and "piątek" in html

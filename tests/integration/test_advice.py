"""Advice pages as a resident meets them: browsing, reading, the quick exit, feedback."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from portal.content.report import report_lines
from portal.data import db
from portal.data.advice import PageFeedback
from tests.journey_walker import form_token, token

CARERS = "/advice/carers/carers-assessment"


def test_advice_index_lists_every_topic_and_a_search_box(client):
    html = client.get("/advice").get_data(as_text=True)
    assert 'action="/advice/search"' in html and 'name="q"' in html
    for topic in ("/advice/carers", "/advice/safeguarding", "/advice/paying-for-care"):
        assert f'href="{topic}"' in html


def test_a_resident_can_browse_from_the_start_page_to_the_carers_pages(client):
    start = client.get("/").get_data(as_text=True)
    assert 'href="/advice/carers"' in start
    topic = client.get("/advice/carers").get_data(as_text=True)
    assert 'href="/advice/carers/carers-assessment"' in topic
    assert 'href="/advice/carers/breaks-for-carers"' in topic
    page = client.get(CARERS).get_data(as_text=True)
    assert "<h1" in page and "carer" in page.lower()


def test_an_advice_page_has_breadcrumbs_contents_next_steps_and_related_links(client):
    html = client.get(CARERS).get_data(as_text=True)
    assert 'class="govuk-breadcrumbs' in html and 'href="/advice/carers"' in html
    assert 'aria-labelledby="contents-heading"' in html
    assert "What you can do next" in html and 'href="tel:03456037630"' in html
    assert 'aria-labelledby="related-heading"' in html
    assert "Last checked: 23 November 2026" in html


def test_unknown_pages_and_topics_are_not_found(client):
    assert client.get("/advice/carers/no-such-page").status_code == 404
    assert client.get("/advice/no-such-topic").status_code == 404
    # A page exists only under its own topic folder.
    assert client.get("/advice/safeguarding/carers-assessment").status_code == 404


def test_safeguarding_pages_offer_the_quick_exit_and_are_not_stored(client):
    response = client.get("/advice/safeguarding/report-a-concern")
    html = response.get_data(as_text=True)
    assert 'data-module="govuk-exit-this-page"' in html
    assert 'href="https://www.bbc.co.uk/weather"' in html
    assert response.headers["Cache-Control"].startswith("no-store")
    other = client.get(CARERS)
    assert 'data-module="govuk-exit-this-page"' not in other.get_data(as_text=True)
    assert "no-store" not in other.headers["Cache-Control"]


def test_report_a_concern_says_what_to_do_in_an_emergency_before_anything_else(client):
    html = client.get("/advice/safeguarding/report-a-concern").get_data(as_text=True)
    main = html[html.index('id="main-content"') :]
    # Above the title, so it is on the first screen of a small phone.
    assert main.index('href="tel:999"') < main.index("<h1")
    assert main.count('class="govuk-warning-text"') == 1


def test_an_untranslated_page_is_shown_in_english_marked_as_english(client, app):
    content = app.extensions["frontdoor.content"]
    untranslated = next(p for p in content.english() if ("pl", p.id) not in content.pages)
    html = client.get(f"/pl/advice/{untranslated.id}").get_data(as_text=True)
    assert '<html lang="pl"' in html
    assert '<h1 class="govuk-heading-xl" lang="en" dir="ltr">' in html
    assert '<p class="govuk-body-l" lang="en" dir="ltr">' in html  # the summary
    assert 'class="app-advice-body" lang="en" dir="ltr"' in html
    assert "nie został" in html or "angielsku" in html  # the notice, in Polish


def test_a_translated_page_says_it_is_not_yet_checked_by_a_translator(client, app):
    content = app.extensions["frontdoor.content"]
    translated = next(p for (locale, _), p in content.pages.items() if locale == "pl")
    html = client.get(f"/pl/advice/{translated.id}").get_data(as_text=True)
    assert 'class="app-advice-body" lang' not in html  # the page is in Polish
    assert 'hreflang="en">' in html  # the link to the English page
    assert translated.translation_reviewed is False


def test_links_inside_a_page_keep_the_readers_language(client):
    html = client.get("/ur" + CARERS).get_data(as_text=True)
    body = html[html.index('class="app-advice-body"') :]
    links = re.findall(r'href="(/[^"]*)"', body.split("</main>")[0])
    assert links and all(link.startswith("/ur/") for link in links)


def test_yes_this_page_is_useful_is_stored_and_thanked(app, client):
    csrf = form_token(client, CARERS)
    response = client.post(CARERS + "/useful", data={"csrf_token": csrf, "useful": "yes"})
    assert response.status_code == 303
    assert response.headers["Location"] == CARERS + "?useful=thanks#page-useful"
    assert "Thank you for your feedback." in client.get(CARERS + "?useful=thanks").get_data(
        as_text=True
    )
    with app.app_context():
        [row] = db.session.scalars(select(PageFeedback)).all()
        assert (row.page_id, row.locale, row.useful, row.comment) == (
            "carers/carers-assessment",
            "en",
            True,
            None,
        )


def test_no_leads_to_an_optional_comment_with_a_personal_details_warning(app, client):
    csrf = form_token(client, "/pl" + CARERS)
    response = client.post("/pl" + CARERS + "/useful", data={"csrf_token": csrf, "useful": "no"})
    assert response.headers["Location"] == "/pl" + CARERS + "/useful/comment"
    form = client.get("/pl" + CARERS + "/useful/comment").get_data(as_text=True)
    assert 'name="comment"' in form
    sent = client.post(
        "/pl" + CARERS + "/useful/comment",
        data={"csrf_token": token(form), "comment": "Nie wiem, do kogo zadzwonić"},
    )
    assert sent.status_code == 303
    with app.app_context():
        [row] = db.session.scalars(select(PageFeedback)).all()
        assert (row.locale, row.useful, row.comment) == ("pl", False, "Nie wiem, do kogo zadzwonić")
        lines = list(report_lines(today=date(2026, 12, 1)))
    assert any("1 of 1 said no  carers/carers-assessment" in line for line in lines)
    assert any("Nie wiem, do kogo zadzwonić" in line for line in lines)


def test_a_comment_cannot_be_added_without_answering_no_first(app, client):
    response = client.get(CARERS + "/useful/comment")
    assert response.status_code == 303 and response.headers["Location"] == CARERS


def test_useful_without_an_answer_shows_an_error_on_the_page(client):
    csrf = form_token(client, CARERS)
    response = client.post(CARERS + "/useful", data={"csrf_token": csrf})
    html = response.get_data(as_text=True)
    assert "<title>Error:" in html
    assert 'href="#useful">Select yes if this page is useful' in html


def test_useful_with_an_expired_token_keeps_the_reader_on_the_page(client):
    response = client.post(CARERS + "/useful", data={"useful": "yes"})
    assert response.status_code == 400
    assert "Your session timed out" in response.get_data(as_text=True)


def test_content_report_lists_pages_past_their_review_date(app):
    with app.app_context():
        lines = list(report_lines(within_days=30, today=date(2027, 6, 1)))
    overdue_header = next(line for line in lines if line.startswith("Advice pages past"))
    assert "(0)" not in overdue_header
    assert any("carers/carers-assessment" in line for line in lines)


def test_advice_links_to_what_essex_already_has(client):
    def page(path: str) -> str:
        return client.get(path).get_data(as_text=True)

    providers = page("/advice/safeguarding/reporting-as-a-care-provider")
    assert 'href="https://essexsab.org.uk/reporting-concerns"' in providers
    assert "thurrocksab.org.uk/information-and-resources/policies-procedures/" in providers
    assert (
        'href="/forms/safeguarding-alert"' in providers and "Care Quality Commission" in providers
    )
    concern = page("/advice/safeguarding/report-a-concern")
    assert 'href="/advice/safeguarding/reporting-as-a-care-provider"' in concern
    care = page("/advice/getting-care/types-of-care")
    assert "Essex Care Search" in care and "essexproviderhub.org" in care
    for path in ("/advice/carers/carers-support-in-essex", "/advice/carers/breaks-for-carers"):
        assert 'href="https://www.mobiliseonline.co.uk"' in page(path)
    for path in (CARERS, "/pl" + CARERS, "/ur" + CARERS):
        assessment = page(path)
        assert f'href="{path.removesuffix(CARERS)}/forms/carers-assessment"' in assessment


def test_advice_says_only_what_the_sources_and_the_law_support(client):
    def text(path: str) -> str:
        return re.sub(r"<[^>]+>", "", client.get(path).get_data(as_text=True))

    assert "Soon you will" not in text(CARERS)
    after = text("/advice/safeguarding/what-happens-after-you-report")
    assert "We always ask" not in after and "We aim to see or speak to the adult" in after
    assert "85%" in after
    scams = text("/advice/safeguarding/scams-and-financial-abuse")
    assert "4 December 2025" in scams and "0300 123 2040" in scams
    payments = text("/advice/getting-care/direct-payments")
    assert "We decide if a direct payment" not in payments
    assert "we must give you one" in payments and "Care Act 2014" in payments
    support = text("/advice/carers/carers-support-in-essex")
    assert "West and North East" not in support
    assert support.count("West and North Essex") >= 2

"""Advice content: every page is valid, linked correctly, readable, and safe to render."""

from __future__ import annotations

import shutil
import textwrap

import pytest
import textstat

from portal.config import PROJECT_ROOT
from portal.content import load_checked, markdown
from portal.content.pages import ContentError

# The agreed reading level for English advice pages (stated in the README): Flesch Reading Ease
# of at least 60 ("plain English", readable by most 13 to 15 year olds) and a Flesch-Kincaid
# grade of 8 or below.
MIN_READING_EASE = 60
MAX_GRADE = 8


@pytest.fixture(scope="module")
def content(app_module):
    return app_module.extensions["frontdoor.content"]


@pytest.fixture(scope="module")
def app_module(tmp_path_factory):
    from tests.conftest import build_app

    database = tmp_path_factory.mktemp("content") / "content.db"
    return build_app(f"sqlite:///{database}", migrated=False)


def test_there_are_at_least_30_english_pages_and_every_topic_has_pages(content):
    english = content.english()
    assert len(english) >= 30
    for topic in content.topics:
        assert content.in_topic(topic.id, "en"), f"topic {topic.id} has no pages"


def test_every_english_page_reads_at_the_agreed_level(content):
    too_hard = []
    for page in content.english():
        text = markdown.plain_text(markdown.parse(page.body))
        ease = textstat.flesch_reading_ease(text)
        grade = textstat.flesch_kincaid_grade(text)
        if ease < MIN_READING_EASE or grade > MAX_GRADE:
            too_hard.append(f"{page.id}: reading ease {ease:.0f}, grade {grade:.1f}")
    assert not too_hard, "Pages above the agreed reading level:\n" + "\n".join(too_hard)


def test_the_report_a_concern_page_says_what_to_do_in_an_emergency_first(content):
    page = content.page("en", "safeguarding/report-a-concern")
    first_section = page.body.split("\n## ", 1)[0]
    assert "999" in first_section


def _copy_content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", root)
    return root


def _write(root, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


GOOD_PAGE = """
    ---
    title: A test page
    summary: A page for the tests.
    topics: [carers]
    owner: Test team
    last_reviewed: 2026-11-23
    review_by: 2027-05-23
    next_steps:
      - contact: adult_social_care
    ---
    If someone is in danger, call [999](tel:999).

    ## A section

    Words.
"""


@pytest.fixture
def load(app_module):
    return lambda root: load_checked(app_module, root)


def test_the_real_content_passes_the_same_checks(tmp_path, load):
    assert len(load(_copy_content(tmp_path)).english()) >= 30


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda page: page.replace("owner: Test team\n", ""), "missing owner"),
        (
            lambda page: page.replace("topics: [carers]", "topics: [carers, gardening]"),
            "unknown topic 'gardening'",
        ),
        (
            lambda page: page.replace("Words.", "[See this](/advice/carers/no-such-page)"),
            "broken link /advice/carers/no-such-page",
        ),
        (
            lambda page: page.replace("Words.", "[Call](tel:01234567890)"),
            "tel:01234567890 is not a number",
        ),
        (lambda page: page.replace("call [999](tel:999)", "call us"), "when to call 999"),
        (lambda page: page.replace("## A section", "# A second title"), "only h1"),
        (
            lambda page: page.replace("review_by: 2027-05-23", "review_by: 2029-01-01"),
            "within a year",
        ),
        (
            lambda page: page.replace("contact: adult_social_care", "contact: the_mayor"),
            "contact 'the_mayor' is not known",
        ),
        (
            lambda page: page.replace("summary: A page for the tests.", "summary: ''"),
            "missing summary",
        ),
        (
            lambda page: page.replace("owner: Test team", "owner: Test team\nauthor: me"),
            "unknown fields author",
        ),
        (lambda page: page.replace("Words.", "[Mail](ftp://example.com/file)"), "links must be"),
        (
            lambda page: page.replace(
                "Words.", "[Essex County Council](https://www.essex.gov.uk/)"
            ),
            "placeholder link https://www.essex.gov.uk/",
        ),
        (
            lambda page: page.replace(
                "contact: adult_social_care",
                "link: {text: Our website, href: 'https://www.essex.gov.uk'}",
            ),
            "placeholder link https://www.essex.gov.uk",
        ),
    ],
)
def test_a_broken_page_fails_with_a_clear_message(tmp_path, load, change, problem):
    root = _copy_content(tmp_path)
    _write(root, "en/carers/test-page.md", change(textwrap.dedent(GOOD_PAGE).lstrip()))
    with pytest.raises(ContentError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        load(root)


def test_a_translation_needs_an_english_original(tmp_path, load):
    root = _copy_content(tmp_path)
    _write(
        root,
        "pl/carers/no-original.md",
        """
        ---
        title: Strona
        summary: Opis.
        last_reviewed: 2026-11-23
        translation_reviewed: false
        ---
        Zadzwoń pod [999](tel:999).
    """,
    )
    with pytest.raises(ContentError, match="no English original"):
        load(root)


def test_content_for_a_language_the_portal_does_not_ship_is_refused(tmp_path, load):
    root = _copy_content(tmp_path)
    _write(root, "fr/carers/test-page.md", GOOD_PAGE)
    with pytest.raises(ContentError, match="not shipped"):
        load(root)


def _render(text: str) -> str:
    return str(markdown.render(text, link_for=lambda href: "/pl" + href, labels={}).html)


def test_nothing_in_a_page_can_add_a_script_or_a_style():
    html = _render(
        '<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n'
        "[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)\n\n"
        '<p style="color:red">styled</p>'
    )
    assert "<script" not in html and "<img" not in html and "<p style" not in html
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert "&lt;script&gt;" in html  # shown as text, harmlessly


def test_markdown_becomes_gov_uk_components():
    html = _render(
        textwrap.dedent("""
        ## Section one

        Text with a [link](/advice/carers/carers-assessment) and [a phone](tel:999).

        - item

        ::: warning
        Call 999.
        :::

        ::: inset
        Note.
        :::

        ::: details What is this?
        Hidden text.
        :::

        | Name | Cost |
        | ---- | ---: |
        | Tea | 1 |
    """)
    )
    assert '<h2 id="section-one" class="govuk-heading-l">Section one</h2>' in html
    assert '<p class="govuk-body">' in html
    assert 'href="/pl/advice/carers/carers-assessment" class="govuk-link"' in html
    assert 'class="govuk-link app-phone" dir="ltr"' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<div class="govuk-warning-text">' in html and "</p>\n</strong>" not in html
    assert '<div class="govuk-inset-text">' in html
    assert '<span class="govuk-details__summary-text">What is this?</span>' in html
    assert '<table class="govuk-table">' in html
    assert 'class="govuk-table__cell govuk-table__cell--numeric"' in html
    assert "style=" not in html

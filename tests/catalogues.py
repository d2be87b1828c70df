"""Catalogues for tests: a copy of the shipped ones in a temporary folder, with some messages
taken out, marked fuzzy or translated differently. A test never edits the real .po files."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from portal.catalogues import read
from portal.config import PROJECT_ROOT
from portal.extensions import babel
from portal.i18n import PREFIXED_LOCALES

TRANSLATIONS = PROJECT_ROOT / "translations"


def copy_translations(folder: Path) -> Path:
    """messages.pot and every language's .po, copied into ``folder``, compiled."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(TRANSLATIONS / "messages.pot", folder / "messages.pot")
    for locale in PREFIXED_LOCALES:
        target = folder / locale / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", target)
        _compile(target / "messages.po")
    return folder


def edit(
    folder: Path,
    locale: str,
    *,
    remove: tuple[tuple[str | None, str], ...] = (),
    fuzzy: tuple[tuple[str | None, str], ...] = (),
    translate: dict[tuple[str | None, str], str] | None = None,
) -> None:
    """Change one language's copied catalogue; messages are (context, English). Recompiles."""
    path = folder / locale / "LC_MESSAGES" / "messages.po"
    catalogue = read(path)
    for context, message in remove:
        assert catalogue.get(message, context) is not None, (context, message)
        catalogue.delete(message, context)
    for context, message in fuzzy:
        catalogue.get(message, context).flags.add("fuzzy")
    for (context, message), string in (translate or {}).items():
        catalogue.get(message, context).string = string
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0)
    _compile(path)


def _compile(po: Path) -> None:
    catalogue = read(po)
    with po.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalogue)


@contextmanager
def app_reading(folder: Path, database_url: str, *, migrated: bool = True) -> Iterator:
    """An app that reads its catalogues from ``folder``.

    Flask-Babel keeps one cache of loaded catalogues for every app in the process, keyed by
    language alone, so it is emptied before (or this app would read the real ones) and after
    (or the next test's app would read these).
    """
    from tests.conftest import build_app

    extra = {"BABEL_TRANSLATION_DIRECTORIES": str(folder)}
    app = build_app(database_url, migrated=migrated, extra=extra)
    with app.app_context():  # the domain is made on first use, from the app's settings
        cache = babel.domain_instance.cache
    cache.clear()
    try:
        yield app
    finally:
        cache.clear()
        app.extensions["frontdoor.db"][0].dispose()

"""Give each journey message its translation from before journey text had contexts.

Journey text used to be extracted without a msgctxt, so "Yes" was one message; now each place
has its own (``question contact_ok option yes``). Run once, between `pybabel extract` and
`pybabel update` (which drops the old messages): for every message of messages.pot with a
context that a catalogue has not translated, it takes that catalogue's translation of the same
English without a context, so nothing translated is lost. It prints, per language, the messages
translated before and after.

    PYTHONPATH=. .venv/bin/python scripts/carry_translations_into_contexts.py
"""

from __future__ import annotations

import sys

from babel.messages.pofile import write_po

from portal.catalogues import is_translated, read
from portal.config import PROJECT_ROOT
from portal.i18n import PREFIXED_LOCALES

TRANSLATIONS = PROJECT_ROOT / "translations"


def carry(template, catalogue) -> int:
    carried = 0
    for message in template:
        if not message.id or message.context is None:
            continue
        if is_translated(catalogue.get(message.id, message.context)):
            continue
        old = catalogue.get(message.id)
        if is_translated(old):
            catalogue.add(
                message.id,
                old.string,
                auto_comments=message.auto_comments,
                context=message.context,
            )
            carried += 1
    return carried


def translated(catalogue) -> int:
    return sum(1 for message in catalogue if message.id and is_translated(message))


def main() -> int:
    template = read(TRANSLATIONS / "messages.pot")
    for locale in PREFIXED_LOCALES:
        path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
        catalogue = read(path)
        before = translated(catalogue)
        carried = carry(template, catalogue)
        with path.open("wb") as handle:
            write_po(handle, catalogue, width=0)
        print(f"{locale}: {before} translated before, {carried} carried into their contexts")
    return 0


if __name__ == "__main__":
    sys.exit(main())

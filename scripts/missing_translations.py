"""What each language has not translated yet: `make translations-missing` (LOCALES=pl for one).

Prints, for each language, how many messages of translations/messages.pot it lacks
(untranslated or fuzzy), then one line each: the message's context in brackets (where it is
used: ``question carer_name``, ``stop emergency``; "interface text" for the portal's own
words) and its English. REQUIRED marks interface text and safety-critical text, which must be
translated before a release in that language (portal/catalogues.py); the rest is journey text,
shown in English with lang="en" until it is translated. Exits 1 when anything REQUIRED is
missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from portal.catalogues import report
from portal.config import PROJECT_ROOT
from portal.i18n import PREFIXED_LOCALES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("locales", nargs="*", help=f"default: {' '.join(PREFIXED_LOCALES)}")
    parser.add_argument("--translations", type=Path, default=PROJECT_ROOT / "translations")
    args = parser.parse_args(argv)
    unknown = set(args.locales) - set(PREFIXED_LOCALES)
    if unknown:
        parser.error(f"not a shipped language: {' '.join(sorted(unknown))}")
    text, blocked = report(args.translations, args.locales or list(PREFIXED_LOCALES))
    print(text)
    return 1 if blocked else 0


if __name__ == "__main__":
    sys.exit(main())

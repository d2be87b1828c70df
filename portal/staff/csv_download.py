"""CSV downloads from the workspace: UTF-8, a header row, and safe to open in a spreadsheet.

A spreadsheet reads a cell that begins with =, +, -, @, a tab or a carriage return as a
formula, and a formula can fetch a web address or run a command: text someone typed into a form
or a search box must never become one in a council officer's Excel. Such a cell gets a leading
apostrophe, which spreadsheets read as "this is text" and do not show (OWASP's advice on CSV
injection). The file starts with a byte order mark, without which Excel reads UTF-8 as the
Windows code page and mangles every name with an accent.

Staff responses are never cached (portal/accounts sets ``Cache-Control: no-store``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from flask import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell's text, with an apostrophe first where a spreadsheet would see a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Response:
    """A download named ``filename`` (letters, digits, dots and hyphens only)."""
    if not filename.endswith(".csv") or not all(
        character.isascii() and (character.isalnum() or character in ".-") for character in filename
    ):
        raise ValueError(f"Not a safe download name: {filename!r}")
    body = "\ufeff" + csv_text(header, rows)
    return Response(
        body.encode("utf-8"),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )

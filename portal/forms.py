"""Shared form behaviour: every portal form is a PortalForm."""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

CSRF_EXPIRED = _l(
    "Your session timed out, so we could not send this page. Your answers are still here: "
    "check them and send the page again."
)


def csrf_error() -> str | None:
    """The session message when this request's CSRF token failed, for views without a form."""
    return str(CSRF_EXPIRED) if g.get("csrf_failed") else None


class PortalForm(FlaskForm):
    """A FlaskForm whose CSRF failure reads as plain English and keeps the answers on screen."""

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not valid and self.meta.csrf and self.csrf_token.errors:
            self.csrf_token.errors = [str(CSRF_EXPIRED)]
            g.csrf_failed = True
        return valid

    def error_list(self) -> list[dict]:
        """Items for govukErrorSummary, each linking to its field (a session error: the form)."""
        items = []
        for field in self:
            if not field.errors:
                continue
            href = "#main-form" if field.name == "csrf_token" else f"#{field.id}"
            items.append({"text": str(field.errors[0]), "href": href})
        return items

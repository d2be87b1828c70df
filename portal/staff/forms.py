"""The sign-in forms. Staff pages are English only, so their words are not in the catalogue."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired

from portal.forms import PortalForm


class SignInForm(PortalForm):
    email = StringField(
        "Email address",
        validators=[DataRequired(message="Enter your email address")],
        widget=GovTextInput(),
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired(message="Enter your password")],
        widget=GovPasswordInput(),
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class CodeForm(PortalForm):
    code = StringField(
        "Code from your authenticator app",
        description="The 6-digit code the app shows for Essex Adult Social Care.",
        validators=[DataRequired(message="Enter the 6-digit code from your authenticator app")],
        widget=GovTextInput(),
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class RecoveryCodeForm(PortalForm):
    code = StringField(
        "Recovery code",
        description="One of the 10 codes you were given when you set up your app, like "
        "abcd-efgh-jkmn-pqrs. Each works once.",
        validators=[DataRequired(message="Enter one of your recovery codes")],
        widget=GovTextInput(),
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class SignOutForm(PortalForm):
    submit = SubmitField("Sign out", widget=GovSubmitInput())


class SearchForm(PortalForm):
    """The search for a person: only its CSRF token is a WTForms field, as the parts are read
    and checked by portal.work_items.search (one message per part, the GOV.UK date input)."""

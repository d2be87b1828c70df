"""`flask users create/disable/roles/unlock/reset-two-factor/list`, each change audited."""

from __future__ import annotations

from sqlalchemy import select

from portal.data import db
from portal.data.accounts import by_email
from portal.data.audit import AuditEvent
from tests.staff import PASSWORD, make_account

EMAIL = "jo.bloggs@essex.gov.uk"


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=["users", *args], input=input)


def test_create_asks_for_the_password_twice_and_stores_only_its_hash(app):
    result = run(
        app,
        "create",
        EMAIL,
        "--name",
        "Jo Bloggs",
        "--role",
        "caseworker",
        "--team",
        "carers",
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created jo.bloggs@essex.gov.uk (caseworker)" in result.output
    with app.app_context():
        user = by_email(EMAIL)
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
        assert (user.roles, user.teams, user.has_two_factor) == (
            ("caseworker",),
            ("carers",),
            False,
        )
        event = db.session.scalars(select(AuditEvent)).one()
        assert event.action == "user-created" and event.actor.startswith("command line (")
        assert PASSWORD not in str(event.detail)


def test_create_refuses_a_weak_password_an_unknown_role_and_a_caseworker_without_a_team(app):
    weak = run(app, "create", EMAIL, "--name", "Jo", "--role", "auditor", input="short\nshort\n")
    assert weak.exit_code == 1 and "12 characters or more" in weak.output
    role = run(app, "create", EMAIL, "--name", "Jo", "--role", "boss", "--no-password")
    assert role.exit_code == 1 and "Unknown role 'boss'" in role.output
    team = run(app, "create", EMAIL, "--name", "Jo", "--role", "caseworker", "--no-password")
    assert team.exit_code == 1 and "needs a team" in team.output
    with app.app_context():
        assert by_email(EMAIL) is None


def test_a_safeguarding_practitioner_must_be_in_a_safeguarding_team(app):
    result = run(
        app,
        "create",
        EMAIL,
        "--name",
        "Jo",
        "--role",
        "safeguarding-practitioner",
        "--team",
        "carers",
        "--no-password",
    )
    assert result.exit_code == 1 and "safeguarding team" in result.output


def test_roles_shows_and_replaces_roles_and_teams_and_the_change_is_audited(app):
    make_account(app, EMAIL)
    shown = run(app, "roles", EMAIL)
    assert "roles caseworker" in shown.output and "teams carers" in shown.output
    changed = run(app, "roles", EMAIL, "team-manager", "auditor", "--team", "countywide-duty")
    assert changed.exit_code == 0, changed.output
    with app.app_context():
        user = by_email(EMAIL)
        assert (user.roles, user.teams) == (("auditor", "team-manager"), ("countywide-duty",))
        event = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event.action == "roles-changed"
        assert event.detail["from"]["roles"] == ["caseworker"]


def test_disable_unlock_and_reset_two_factor(app):
    make_account(app, EMAIL)
    assert run(app, "reset-two-factor", EMAIL).exit_code == 0
    assert run(app, "unlock", EMAIL).exit_code == 0
    assert run(app, "disable", EMAIL).exit_code == 0
    assert run(app, "disable", EMAIL).exit_code == 1  # already disabled: said, not repeated
    listed = run(app, "list").output
    assert EMAIL in listed and "disabled" in listed
    with app.app_context():
        user = by_email(EMAIL)
        assert user.is_disabled and not user.has_two_factor
    assert "There is no account" in run(app, "disable", "nobody@essex.gov.uk").output

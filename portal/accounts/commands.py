"""`flask --app wsgi users ...` and `flask --app wsgi audit verify`, for administrators."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from portal.audit import command_line_actor
from portal.data import db

users_cli = AppGroup("users", help="Staff accounts: create, disable, roles and teams.")
audit_cli = AppGroup("audit", help="The audit log.")


def _fail(error: Exception) -> None:
    db.session.rollback()
    raise click.ClickException(str(error))


@users_cli.command("create")
@click.argument("email")
@click.option("--name", "display_name", required=True, help="The person's name.")
@click.option("--role", "roles", multiple=True, required=True, help="A role (repeat for more).")
@click.option("--team", "teams", multiple=True, help="A team (repeat for more).")
@click.option(
    "--no-password",
    is_flag=True,
    help="For someone who signs in through their organisation's identity provider.",
)
def users_create(
    email: str, display_name: str, roles: tuple, teams: tuple, no_password: bool
) -> None:
    """Create a staff account; asks for its first password (twice, not shown)."""
    from portal.accounts.users import UserError, create_user

    password = None
    if not no_password:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(
            email, display_name, password, list(roles), list(teams), actor=command_line_actor()
        )
    except UserError as error:
        _fail(error)
    db.session.commit()
    if no_password:
        click.echo(
            f"Created {user.email} ({', '.join(user.roles)}). They sign in through the identity "
            "provider, which links this account by its email address the first time."
        )
    else:
        click.echo(
            f"Created {user.email} ({', '.join(user.roles)}). They set up their authenticator "
            "app the first time they sign in."
        )


@users_cli.command("disable")
@click.argument("email")
def users_disable(email: str) -> None:
    """Stop an account signing in; its sessions end at their next request."""
    from portal.accounts.users import UserError, disable_user

    try:
        user = disable_user(email, actor=command_line_actor())
    except UserError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"Disabled {user.email}.")


@users_cli.command("roles")
@click.argument("email")
@click.argument("roles", nargs=-1)
@click.option("--team", "teams", multiple=True, help="Replace the teams too (repeat for more).")
def users_roles(email: str, roles: tuple, teams: tuple) -> None:
    """Show an account's roles and teams, or replace its roles with ROLES (and teams)."""
    from portal.accounts.permissions import ROLES
    from portal.accounts.users import UserError, set_roles
    from portal.data.accounts import by_email

    if roles:
        try:
            user = set_roles(email, list(roles), list(teams) or None, actor=command_line_actor())
        except UserError as error:
            _fail(error)
        db.session.commit()
    else:
        user = by_email(email)
        if user is None:
            raise click.ClickException(f"There is no account for {email}.")
    click.echo(f"{user.email}: roles {', '.join(user.roles) or 'none'}")
    click.echo(f"{' ' * len(user.email)}  teams {', '.join(user.teams) or 'none'}")
    if user.identity_subject is not None:
        click.echo(
            "Signs in through the identity provider: its groups set these roles and teams "
            "again at its next sign-in (config/identity-groups.yaml)."
        )
    if not roles:
        click.echo(f"Roles: {', '.join(ROLES)}")


@users_cli.command("unlock")
@click.argument("email")
def users_unlock(email: str) -> None:
    """Let a locked account try again now."""
    from portal.accounts.users import UserError, unlock_user

    try:
        user = unlock_user(email, actor=command_line_actor())
    except UserError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"Unlocked {user.email}.")


@users_cli.command("reset-two-factor")
@click.argument("email")
def users_reset_two_factor(email: str) -> None:
    """For a lost phone: the account sets its app up again at its next sign-in."""
    from portal.accounts.users import UserError, reset_two_factor

    try:
        user = reset_two_factor(email, actor=command_line_actor())
    except UserError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"{user.email} will set up their authenticator app again when they next sign in.")


@users_cli.command("list")
def users_list() -> None:
    """Every account: email, name, roles, teams and whether it can sign in."""
    from portal.data.accounts import all_users
    from portal.data.database import utcnow

    now = utcnow()
    for user in all_users():
        if user.is_disabled:
            state = "disabled"
        elif user.locked_until is not None and now < user.locked_until:
            state = "locked"
        else:
            state = "active"
        click.echo(
            f"{user.email}  {user.display_name}  {state}  roles: {', '.join(user.roles) or '-'}"
            f"  teams: {', '.join(user.teams) or '-'}"
        )


@audit_cli.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain; name the first row where it is broken."""
    from portal.data.audit import verify_chain

    report = verify_chain()
    if report.broken_at is not None:
        before = report.rows - 1
        intact = "1 row before it is" if before == 1 else f"{before} rows before it are"
        click.echo(
            f"The audit log is broken at row {report.broken_at}: {report.problem}. "
            f"{intact} intact.",
            err=True,
        )
        sys.exit(1)
    if not report.rows:
        click.echo("The audit log is empty.")
        return
    click.echo(f"The audit log's {report.rows} rows are intact. Last hash: {report.last_hash}")

"""Staff accounts: who may sign in to the workspace, with which roles, in which teams.

A local account has a password hash (Argon2id) and a TOTP secret; an account whose organisation
signs its people in with its own identity provider may have no password at all. Roles are ids
from portal/accounts/permissions.py and teams are ids from config/staff-teams.yaml: both are
checked by the code that writes them, not by the database, so renaming a team is a data change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.database import Base, UTCDateTime, db, utcnow


class StaffUser(Base):
    __tablename__ = "staff_user"
    __table_args__ = (UniqueConstraint("identity_issuer", "identity_subject"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored lower-case, so "Jo.Bloggs@essex.gov.uk" and "jo.bloggs@essex.gov.uk" are one account.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # Base32; never logged, never shown after enrolment (__repr__ leaves it out of tracebacks).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # Enrolment is finished when the person has typed a code from their app; until then the
    # secret may be shown again on the enrolment page.
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The last 30-second step a code was accepted for: a code is never accepted twice.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Part of the id kept in the session: changing it signs the account out everywhere
    # (sign-out, disabling, a lock), which a cookie session could not otherwise do.
    session_token: Mapped[str] = mapped_column(String(64))
    # The council's identity provider's issuer and its subject for this person (OpenID
    # Connect's `iss` and `sub`; Microsoft Entra ID's object id): set at the first sign-in
    # through the provider, after which that pair, not the email, says who this is.
    identity_issuer: Mapped[str | None] = mapped_column(String(255))
    identity_subject: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    role_rows: Mapped[list[StaffUserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="StaffUserRole.role"
    )
    team_rows: Mapped[list[StaffUserTeam]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="StaffUserTeam.team"
    )
    recovery_codes: Mapped[list[RecoveryCode]] = relationship(cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<StaffUser {self.id}>"

    # What Flask-Login asks of a user object (without importing it here: portal.data stands
    # alone). The id includes the session token, so changing the token ends every session.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(row.role for row in self.role_rows)

    @property
    def teams(self) -> tuple[str, ...]:
        return tuple(row.team for row in self.team_rows)

    def set_roles(self, roles: list[str]) -> None:
        self.role_rows = [StaffUserRole(role=role) for role in sorted(set(roles))]

    def set_teams(self, teams: list[str]) -> None:
        self.team_rows = [StaffUserTeam(team=team) for team in sorted(set(teams))]

    @property
    def is_disabled(self) -> bool:
        return self.disabled_at is not None

    @property
    def has_two_factor(self) -> bool:
        return self.totp_secret is not None and self.totp_confirmed_at is not None


class StaffUserRole(Base):
    __tablename__ = "staff_user_role"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(40), primary_key=True)


class StaffUserTeam(Base):
    __tablename__ = "staff_user_team"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True
    )
    # Indexed on its own: the queues ask "who is in this team".
    team: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)


class RecoveryCode(Base):
    """A one-time code for signing in without the authenticator app: only its SHA-256 is kept."""

    __tablename__ = "staff_recovery_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def by_email(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))


def by_identity(issuer: str, subject: str) -> StaffUser | None:
    """The account an identity provider's (issuer, subject) pair was linked to, if any."""
    return db.session.scalar(
        select(StaffUser).where(
            StaffUser.identity_issuer == issuer, StaffUser.identity_subject == subject
        )
    )


def by_id(user_id: int) -> StaffUser | None:
    return db.session.get(StaffUser, user_id)


def all_users() -> list[StaffUser]:
    return list(db.session.scalars(select(StaffUser).order_by(StaffUser.email)))


def display_names(ids: Iterable[str | None]) -> dict[str, str]:
    """Display names of the accounts whose ids (as text, as an assignee or an event's actor is
    kept) are given; ids that are not accounts (a door, "routing") are left out."""
    numbers = {int(value) for value in ids if value and value.isdigit()}
    if not numbers:
        return {}
    rows = db.session.execute(
        select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(numbers))
    )
    return {str(user_id): name for user_id, name in rows}

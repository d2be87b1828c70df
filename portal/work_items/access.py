"""Need to know: which submissions a member of staff may see, and which of their answers.

- A submission is seen by the teams that work its queue, and by those of its second queue (a
  carer who does not feel safe is seen by Carers and by Central Safeguarding Triage).
- A safeguarding team's queues (``safeguarding: true`` in config/staff-teams.yaml) are seen only
  by its safeguarding practitioners and team managers: a caseworker in such a team sees none of
  them (BRIEF §2; issue #9 §2).
- Accounts that see no submissions (administrators, auditors) see no queue at all.
- A sensitive journey's (the safeguarding alert's) sensitive answers are shown only to those who
  may work safeguarding or manage a team's work, so a report passed to another team for a Care
  Act assessment does not carry the details of the concern to everyone in that team.

Every list, count, search, download and page of a submission asks this module, so there is no
way round it (tests/integration/test_staff_need_to_know.py tries every role against each).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, false, or_, select

from portal.accounts.permissions import (
    MANAGE_TEAM_WORK,
    READ_AUDIT_LOG,
    SEE_WHO_HAS_SEEN,
    VIEW_SUBMISSIONS,
    WORK_SAFEGUARDING,
    WORK_SUBMISSIONS,
    allows,
    permissions_of,
)
from portal.accounts.teams import teams
from portal.data import db
from portal.data.accounts import StaffUser, StaffUserTeam
from portal.data.journeys import Submission


def _may_work_safeguarding(roles: Iterable[str]) -> bool:
    granted = permissions_of(roles)
    return WORK_SAFEGUARDING in granted or MANAGE_TEAM_WORK in granted


def visible_queues(user: StaffUser) -> frozenset[str]:
    """The queues whose submissions this person may see."""
    if not allows(user.roles, VIEW_SUBMISSIONS):
        return frozenset()
    known = teams()
    safeguarding = _may_work_safeguarding(user.roles)
    queues: set[str] = set()
    for team_id in user.teams:
        team = known.get(team_id)
        if team is None or (team.safeguarding and not safeguarding):
            continue
        queues.update(team.queues)
    return frozenset(queues)


def visible(user: StaffUser) -> ColumnElement[bool]:
    """A WHERE clause: the submissions this person may see."""
    return in_queues(visible_queues(user))


def in_queues(queues: Iterable[str]) -> ColumnElement[bool]:
    """A WHERE clause: the submissions in (or second in) these queues; none when there are none."""
    chosen = sorted(queues)
    if not chosen:
        return false()
    return or_(Submission.queue.in_(chosen), Submission.second_queue.in_(chosen))


def may_view(user: StaffUser, submission: Submission) -> bool:
    queues = visible_queues(user)
    return submission.queue in queues or submission.second_queue in queues


def may_work(user: StaffUser, submission: Submission) -> bool:
    """Pick up, note, move on and close: someone who may see it and works submissions."""
    return allows(user.roles, WORK_SUBMISSIONS) and may_view(user, submission)


def manages(user: StaffUser, submission: Submission) -> bool:
    """Assign to others, reopen: a team manager of a team that may see it."""
    return allows(user.roles, MANAGE_TEAM_WORK) and may_view(user, submission)


def may_see_who_has_seen(user: StaffUser, submission: Submission) -> bool:
    """Its audit trail (who saw it, printed it, acted on it): an auditor for any submission,
    a team manager for one their teams may see. Never its answers: that is ``may_view``."""
    if not allows(user.roles, SEE_WHO_HAS_SEEN):
        return False
    return allows(user.roles, READ_AUDIT_LOG) or manages(user, submission)


def may_see_sensitive(user: StaffUser, sensitive_journey: bool) -> bool:
    """Whether this person is shown a submission's sensitive answers (they may see it)."""
    return not sensitive_journey or _may_work_safeguarding(user.roles)


def workers(submission: Submission) -> list[StaffUser]:
    """Who a manager may give it to: active accounts in a team that works its queue or second
    queue and who may work it (in a safeguarding team's queue, its practitioners and managers
    only), by name. The teams are asked of the database; the roles, which are data in the code,
    of may_work."""
    queues = {submission.queue, submission.second_queue} - {None}
    team_ids = [team.id for team in teams().values() if set(team.queues) & queues]
    if not team_ids:
        return []
    members = (
        select(StaffUserTeam.user_id).where(StaffUserTeam.team.in_(team_ids)).scalar_subquery()
    )
    found = db.session.scalars(
        select(StaffUser)
        .where(StaffUser.id.in_(members), StaffUser.disabled_at.is_(None))
        .order_by(StaffUser.display_name, StaffUser.email)
    )
    return [user for user in found if may_work(user, submission)]


def visible_parts(
    user: StaffUser, within: Iterable[str] | None = None
) -> tuple[ColumnElement[bool], ColumnElement[bool]] | None:
    """``visible(user)``, narrowed to the queues ``within`` (all of theirs when None), as two
    clauses that never both hold: in one of those queues, or in another queue with one of them
    as its second queue. Their OR is the same rows as ``visible``'s (narrowed), but apart each
    can be answered from an index: the first by (queue, status, ...) alone, without reading
    the table, the second by (second_queue, status), which holds few rows. None: no queue."""
    queues = visible_queues(user)
    if within is not None:
        queues = queues & frozenset(within)
    if not queues:
        return None
    ordered = sorted(queues)
    return (
        Submission.queue.in_(ordered),
        and_(
            Submission.second_queue.in_(ordered),
            or_(Submission.queue.not_in(ordered), Submission.queue.is_(None)),
        ),
    )

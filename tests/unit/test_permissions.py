"""Roles and permissions are data: what each role may do, and what it may not."""

from __future__ import annotations

import pytest

from portal.accounts.permissions import (
    MANAGE_USERS,
    PERMISSIONS,
    READ_AUDIT_LOG,
    ROLES,
    SEE_WHO_HAS_SEEN,
    VIEW_SUBMISSIONS,
    WORK_SAFEGUARDING,
    allows,
    permission,
    permissions_of,
)


def test_the_account_administrator_manages_users_and_sees_no_submission():
    assert allows(["account-administrator"], MANAGE_USERS)
    assert not allows(["account-administrator"], VIEW_SUBMISSIONS)


def test_only_the_auditor_reads_the_audit_log_and_only_the_practitioner_works_safeguarding():
    assert [role for role in ROLES if allows([role], READ_AUDIT_LOG)] == ["auditor"]
    assert [role for role in ROLES if allows([role], WORK_SAFEGUARDING)] == [
        "safeguarding-practitioner"
    ]


def test_team_managers_and_auditors_may_ask_who_has_seen_a_submission_and_nobody_else():
    # Which submission is decided by access.may_see_who_has_seen.
    assert [role for role in ROLES if allows([role], SEE_WHO_HAS_SEEN)] == [
        "team-manager",
        "auditor",
    ]


def test_roles_add_up_and_an_unknown_role_gives_nothing():
    assert permissions_of(["auditor", "caseworker"]) >= {READ_AUDIT_LOG, VIEW_SUBMISSIONS}
    assert permissions_of(["superuser"]) == frozenset()


def test_every_role_grants_only_declared_permissions():
    for role in ROLES.values():
        assert role.permissions <= set(PERMISSIONS), role.id


def test_a_route_cannot_declare_a_permission_that_does_not_exist():
    with pytest.raises(ValueError, match="Unknown permission"):
        permission("see-everything")

"""Need to know: which queues each kind of account sees, and which answers (portal/work_items/
access.py). The role-by-route tests check the same through the pages."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from portal.work_items import access


def account(role: str, *teams: str) -> SimpleNamespace:
    return SimpleNamespace(roles=(role,), teams=teams)


SAFEGUARDING = {"central-safeguarding-triage"}


@pytest.mark.parametrize(
    ("who", "queues"),
    [
        (account("caseworker", "carers"), {"carers"}),
        (account("caseworker", "carers", "care-technology"), {"carers", "care-technology"}),
        # A caseworker in a safeguarding team sees none of its alerts.
        (account("caseworker", "central-safeguarding-triage"), set()),
        (account("safeguarding-practitioner", "central-safeguarding-triage"), SAFEGUARDING),
        (account("team-manager", "central-safeguarding-triage"), SAFEGUARDING),
        (account("team-manager", "countywide-duty"), {"ascc-duty"}),
        (account("account-administrator"), set()),
        (account("auditor"), set()),
        # Teams alone give nothing without a role that reads submissions.
        (account("auditor", "carers"), set()),
    ],
)
def test_each_account_sees_only_its_teams_queues(who, queues):
    assert access.visible_queues(who) == frozenset(queues)


def test_a_submission_is_seen_through_its_second_queue_too():
    carer = SimpleNamespace(queue="carers", second_queue="central-safeguarding-triage")
    practitioner = account("safeguarding-practitioner", "central-safeguarding-triage")
    assert access.may_view(practitioner, carer)
    assert access.may_view(account("caseworker", "carers"), carer)
    assert not access.may_view(account("caseworker", "care-technology"), carer)


def test_only_safeguarding_roles_and_managers_read_a_sensitive_forms_sensitive_answers():
    assert access.may_see_sensitive(account("caseworker", "countywide-duty"), False)
    assert not access.may_see_sensitive(account("caseworker", "countywide-duty"), True)
    assert access.may_see_sensitive(account("team-manager", "countywide-duty"), True)
    practitioner = account("safeguarding-practitioner", "central-safeguarding-triage")
    assert access.may_see_sensitive(practitioner, True)


@pytest.mark.parametrize(
    ("who", "carers", "alert"),
    [
        # An auditor reads the trail of any submission, in no team at all.
        (account("auditor"), True, True),
        (account("team-manager", "carers"), True, False),
        (account("team-manager", "central-safeguarding-triage"), False, True),
        (account("team-manager", "countywide-duty"), False, False),
        # Seeing a submission is not enough: only managers and auditors see who else did.
        (account("caseworker", "carers"), False, False),
        (account("safeguarding-practitioner", "central-safeguarding-triage"), False, False),
        (account("account-administrator"), False, False),
    ],
)
def test_who_has_seen_a_submission_is_for_auditors_and_its_teams_managers(who, carers, alert):
    carers_form = SimpleNamespace(queue="carers", second_queue=None)
    safeguarding_alert = SimpleNamespace(queue="central-safeguarding-triage", second_queue=None)
    assert access.may_see_who_has_seen(who, carers_form) is carers
    assert access.may_see_who_has_seen(who, safeguarding_alert) is alert

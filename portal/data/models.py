"""Every model, imported in one place so Alembic and the tests see the whole schema."""

from portal.data.accounts import RecoveryCode, StaffUser, StaffUserRole, StaffUserTeam
from portal.data.advice import PageFeedback, SearchIndexState
from portal.data.audit import AuditEvent
from portal.data.database import Base
from portal.data.directory import (
    DirectoryOrganization,
    DirectoryService,
    DirectoryServiceDistrict,
    DirectoryServiceLanguage,
    DirectoryServiceTopic,
)
from portal.data.feedback import ServiceFeedback
from portal.data.journeys import Draft, OutboxMessage, Submission
from portal.data.work import JourneyDefinition, RoutingDecision, SubmissionEvent

__all__ = [
    "AuditEvent",
    "Base",
    "DirectoryOrganization",
    "DirectoryService",
    "DirectoryServiceDistrict",
    "DirectoryServiceLanguage",
    "DirectoryServiceTopic",
    "Draft",
    "JourneyDefinition",
    "OutboxMessage",
    "PageFeedback",
    "RecoveryCode",
    "RoutingDecision",
    "SearchIndexState",
    "ServiceFeedback",
    "StaffUser",
    "StaffUserRole",
    "StaffUserTeam",
    "Submission",
    "SubmissionEvent",
]

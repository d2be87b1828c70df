"""Every model, imported in one place so Alembic and the tests see the whole schema."""

from portal.data.advice import PageFeedback, SearchIndexState
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

__all__ = [
    "Base",
    "DirectoryOrganization",
    "DirectoryService",
    "DirectoryServiceDistrict",
    "DirectoryServiceLanguage",
    "DirectoryServiceTopic",
    "Draft",
    "OutboxMessage",
    "PageFeedback",
    "SearchIndexState",
    "ServiceFeedback",
    "Submission",
]

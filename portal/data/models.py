"""Every model, imported in one place so Alembic and the tests see the whole schema."""

from portal.data.database import Base
from portal.data.feedback import ServiceFeedback

__all__ = ["Base", "ServiceFeedback"]

"""The data layer: models, the database session and migrations. Queries live beside the models."""

from portal.data.database import Base, db, init_database

__all__ = ["Base", "db", "init_database"]

"""The local services directory, stored from Open Referral UK (ORUK 3.0) data.

Each service keeps its whole ORUK document, as imported, for the API; the fields people filter on
(district, language) are also kept in their own tables so filtering is a plain indexed query.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, delete, func, or_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.data.database import Base, UTCDateTime, db, utcnow


class DirectoryOrganization(Base):
    __tablename__ = "directory_organization"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str | None] = mapped_column(String(500))


class DirectoryService(Base):
    __tablename__ = "directory_service"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("directory_organization.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(30))
    url: Mapped[str] = mapped_column(String(500))
    # Free text in ORUK: "Interpreters, including British Sign Language, on request".
    interpretation_services: Mapped[str | None] = mapped_column(Text)
    document: Mapped[dict] = mapped_column(JSON)  # the full ORUK service, for the API
    last_modified: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[DirectoryOrganization] = relationship(lazy="joined")
    # Loaded only when read (the service page reads districts): lists need none of them.
    districts: Mapped[list[DirectoryServiceDistrict]] = relationship(cascade="all, delete-orphan")
    languages: Mapped[list[DirectoryServiceLanguage]] = relationship(cascade="all, delete-orphan")
    topics: Mapped[list[DirectoryServiceTopic]] = relationship(cascade="all, delete-orphan")


class DirectoryServiceDistrict(Base):
    __tablename__ = "directory_service_district"

    service_id: Mapped[str] = mapped_column(
        ForeignKey("directory_service.id", ondelete="CASCADE"), primary_key=True
    )
    district: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class DirectoryServiceLanguage(Base):
    __tablename__ = "directory_service_language"

    service_id: Mapped[str] = mapped_column(
        ForeignKey("directory_service.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(10), primary_key=True, index=True)


class DirectoryServiceTopic(Base):
    """Which advice topics a service helps with, so advice pages can point to it."""

    __tablename__ = "directory_service_topic"

    service_id: Mapped[str] = mapped_column(
        ForeignKey("directory_service.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)


def find_services(
    *,
    district: str | None = None,
    language: str | None = None,
    topic: str | None = None,
    text: str | None = None,
    page: int = 1,
    per_page: int = 20,
) -> tuple[list[DirectoryService], int]:
    """Active services matching every filter given, by name; and how many match in all.

    A language filter also finds services that arrange interpreters, since a resident who
    speaks that language can use them.
    """
    query = _matching(select(DirectoryService), district, language, topic, text)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(
        query.order_by(DirectoryService.name, DirectoryService.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return list(rows), total


def services_for_topic(topic: str, limit: int) -> list[DirectoryService]:
    """The first few active services for an advice topic, by name (no count needed)."""
    query = _matching(select(DirectoryService), None, None, topic, None)
    return list(
        db.session.scalars(query.order_by(DirectoryService.name, DirectoryService.id).limit(limit))
    )


def active_service_ids() -> list[str]:
    query = _matching(select(DirectoryService.id), None, None, None, None)
    return list(db.session.scalars(query.order_by(DirectoryService.id)))


def _matching(query, district, language, topic, text):
    query = query.where(DirectoryService.status == "active")
    if district:
        query = query.where(
            DirectoryService.id.in_(
                select(DirectoryServiceDistrict.service_id).where(
                    DirectoryServiceDistrict.district == district
                )
            )
        )
    if language:
        query = query.where(
            or_(
                DirectoryService.id.in_(
                    select(DirectoryServiceLanguage.service_id).where(
                        DirectoryServiceLanguage.code == language
                    )
                ),
                DirectoryService.interpretation_services.is_not(None),
            )
        )
    if topic:
        query = query.where(
            DirectoryService.id.in_(
                select(DirectoryServiceTopic.service_id).where(DirectoryServiceTopic.topic == topic)
            )
        )
    if text:
        pattern = f"%{text.lower()}%"
        query = query.where(
            or_(
                func.lower(DirectoryService.name).like(pattern),
                func.lower(DirectoryService.description).like(pattern),
            )
        )
    return query


def service(service_id: str) -> DirectoryService | None:
    return db.session.get(DirectoryService, service_id)


def service_count() -> int:
    return db.session.scalar(select(func.count()).select_from(DirectoryService)) or 0


def replace_directory(
    organizations: list[DirectoryOrganization], services: list[DirectoryService]
) -> None:
    """Make the directory exactly the imported data, in one transaction."""
    for table in (
        DirectoryServiceTopic,
        DirectoryServiceLanguage,
        DirectoryServiceDistrict,
        DirectoryService,
        DirectoryOrganization,
    ):
        db.session.execute(delete(table))
    db.session.add_all(organizations)
    db.session.flush()
    db.session.add_all(services)
    db.session.commit()

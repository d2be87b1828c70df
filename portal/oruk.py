"""Open Referral UK (ORUK 3.0 UK profile) data in and out.

In: a JSON file of fully nested services (a list, or a page object with "contents"), checked
before anything is stored. Out: the paged list and the full service the ORUK API returns.
Field names follow the UK profile (github.com/OpenReferralUK/uk-profile, schema/compiled).
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime
from pathlib import Path

from portal.config import PROJECT_ROOT
from portal.data import directory as data
from portal.data.directory import (
    DirectoryOrganization,
    DirectoryService,
    DirectoryServiceDistrict,
    DirectoryServiceLanguage,
    DirectoryServiceTopic,
)
from portal.districts import district_ids, district_named
from portal.links import is_placeholder

SEED_FILE = PROJECT_ROOT / "content" / "directory.oruk.json"
ORUK_VERSION = "3.0"
PROFILE_URL = "https://openreferraluk.org/"
STATUSES = ("active", "inactive", "defunct", "temporarily closed")
# Service areas naming the whole county cover all 12 districts.
WHOLE_COUNTY = {"essex", "essex county council area", "all of essex"}
TOPIC_VOCABULARY = "essex-advice-topics"
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
# The one-to-one fields of a service, which the paged list returns (service_list.json).
LIST_FIELDS = (
    "id",
    "organization_id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "interpretation_services",
    "application_process",
    "fees_description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "alert",
    "last_modified",
)


class OrukError(ValueError):
    """The file is not ORUK data the directory can use; the message lists every problem."""


def read(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    if not isinstance(data, list):
        raise OrukError(f"{path.name}: expected a list of services or a page with 'contents'")
    return data


def _timestamp(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _districts(service: dict, where: str, problems: list[str]) -> set[str]:
    found: set[str] = set()
    for area in service.get("service_areas") or []:
        name = str(area.get("name", "")).strip()
        if name.lower() in WHOLE_COUNTY:
            found.update(district_ids())
        elif (district := district_named(name)) is not None:
            found.add(district.id)
        else:
            problems.append(f"{where}: service area {name!r} is not an Essex district")
    return found


def to_rows(
    services: list[dict], topic_ids: set[str]
) -> tuple[list[DirectoryOrganization], list[DirectoryService]]:
    """Check every service and turn the data into rows; raise OrukError listing all problems."""
    problems: list[str] = []
    organizations: dict[str, DirectoryOrganization] = {}
    rows: list[DirectoryService] = []
    seen: set[str] = set()
    for number, item in enumerate(services, start=1):
        where = f"service {number} ({item.get('name', 'no name')})"
        for field_name in ("id", "name", "status", "url"):
            if not item.get(field_name):
                problems.append(f"{where}: {field_name} is required")
        if item.get("status") and item["status"] not in STATUSES:
            problems.append(f"{where}: status must be one of {', '.join(STATUSES)}")
        if item.get("url") and not str(item["url"]).startswith("https://"):
            problems.append(f"{where}: url must be an https address")
        if item.get("url") and is_placeholder(str(item["url"])):
            problems.append(f"{where}: url {item['url']} is a home page, not the service's page")
        if item.get("id") in seen:
            problems.append(f"{where}: id {item['id']} is used twice")
        seen.add(item.get("id"))
        organization = item.get("organization") or {}
        if not organization.get("id") or not organization.get("name"):
            problems.append(f"{where}: organization needs an id and a name")
            continue
        districts = _districts(item, where, problems)
        if not districts:
            problems.append(f"{where}: needs at least one service area in Essex")
        codes = set()
        for language in item.get("languages") or []:
            code = str(language.get("code", "")).lower()
            if not _LANGUAGE_CODE.match(code):
                problems.append(f"{where}: language {language!r} needs an ISO 639 code")
            codes.add(code)
        topics = set()
        for attribute in item.get("attributes") or []:
            term = attribute.get("taxonomy_term") or {}
            if term.get("vocabulary") == TOPIC_VOCABULARY:
                if term.get("code") not in topic_ids:
                    problems.append(f"{where}: unknown advice topic {term.get('code')!r}")
                topics.add(term.get("code"))
        organizations.setdefault(
            organization["id"],
            DirectoryOrganization(
                id=organization["id"],
                name=organization["name"],
                description=organization.get("description") or "",
                website=organization.get("website"),
            ),
        )
        document = _meet_profile({**item, "organization_id": organization["id"]})
        rows.append(
            DirectoryService(
                id=item.get("id", ""),
                organization_id=organization["id"],
                name=item.get("name", ""),
                description=item.get("description") or "",
                status=item.get("status", ""),
                url=item.get("url", ""),
                interpretation_services=item.get("interpretation_services") or None,
                document=document,
                last_modified=_timestamp(item.get("last_modified")),
                districts=[DirectoryServiceDistrict(district=d) for d in sorted(districts)],
                languages=[DirectoryServiceLanguage(code=c) for c in sorted(codes)],
                topics=[DirectoryServiceTopic(topic=t) for t in sorted(topics)],
            )
        )
    if problems:
        raise OrukError("The directory file has problems:\n  - " + "\n  - ".join(problems))
    return list(organizations.values()), rows


def _meet_profile(document: dict) -> dict:
    """Fill the fields the UK profile's compiled schema requires and a source may leave out.

    service.json requires a taxonomy term's name and description, and (in every version of the
    schema we have seen) a url on each language, though it defines no such field: a language is
    reached on the service's own page.
    """
    attributes = []
    for attribute in document.get("attributes") or []:
        term = dict(attribute.get("taxonomy_term") or {})
        if term:
            term.setdefault("name", term.get("term") or term.get("code") or "")
            term.setdefault("description", term["name"])
            attribute = {**attribute, "taxonomy_term": term}
        attributes.append(attribute)
    languages = [
        {**language, "url": language.get("url") or document.get("url", "")}
        for language in document.get("languages") or []
    ]
    return {
        **document,
        **({"attributes": attributes} if "attributes" in document else {}),
        **({"languages": languages} if "languages" in document else {}),
    }


def list_item(service: DirectoryService) -> dict:
    document = service.document
    return {name: document.get(name) for name in LIST_FIELDS if name in document}


def page(items: list[dict], total: int, page_number: int, per_page: int) -> dict:
    """The ORUK paging object around one page of results."""
    total_pages = max(1, math.ceil(total / per_page)) if total else 0
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(items),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not items,
        "contents": items,
    }


def import_file(path: Path, topic_ids: set[str]) -> int:
    """Replace the directory with the services in an ORUK file; returns how many."""
    organizations, services = to_rows(read(path), topic_ids)
    data.replace_directory(organizations, services)
    return len(services)

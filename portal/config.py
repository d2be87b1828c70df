"""Settings read once from the environment and checked before the app starts.

Every variable is listed in the README's configuration table. A wrong value stops start-up with a
message naming the variable, rather than surfacing later as a confusing error in a request.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from limits import parse_many

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"
# The journey files and routing.yaml; FORMS_DIR moves them (a test points an app at a copy).
FORMS_DIR = PROJECT_ROOT / "forms"
ENVIRONMENTS = ("development", "test", "production")
PHASES = ("alpha", "beta")
OS_PLACES_POSTCODE_URL = "https://api.os.uk/search/places/v1/postcode"
IDENTITY_GROUPS_FILE = PROJECT_ROOT / "config" / "identity-groups.yaml"
DEFAULT_OIDC_NAME = "your Essex County Council account"


class ConfigError(RuntimeError):
    """A setting is missing or has a value the portal cannot use."""


@dataclass(frozen=True)
class Settings:
    environment: str = "production"
    secret_key: str = ""
    database_url: str = f"sqlite:///{INSTANCE_DIR / 'frontdoor.db'}"
    ratelimit_storage_uri: str = "memory://"
    submission_rate_limit: str = "10 per minute;60 per hour"
    page_save_rate_limit: str = "120 per minute;2000 per hour"
    # Per client address on the staff sign-in steps. Generous, because a council office signs in
    # from one address; each account's own failures slow down and lock (portal/accounts).
    staff_sign_in_rate_limit: str = "30 per minute;600 per hour"
    max_request_bytes: int = 1_048_576
    trust_proxy_hops: int = 0
    log_level: str = "INFO"
    service_phase: str = "beta"
    session_timeout_minutes: int = 60
    notify_api_key: str = ""
    notify_templates: dict = field(default_factory=dict)
    smtp: dict = field(default_factory=dict)
    os_places_api_key: str = ""
    os_places_url: str = OS_PLACES_POSTCODE_URL
    os_places_timeout: float = 2.0
    # Where an urgent safeguarding alert received out of hours is also sent (reference, priority
    # and a staff link only); empty: no message, and a warning in the log.
    eds_alert_email: str = ""
    # The staff workspace's address for a submission, with {reference} in it.
    staff_submission_url: str = ""
    # Staff sign-in through the council's identity provider (OpenID Connect, ADR 0032): off
    # without an issuer. The secret is left out of repr, so a traceback never shows it.
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = field(default="", repr=False)
    oidc_groups_claim: str = "groups"
    oidc_name: str = DEFAULT_OIDC_NAME
    # Which provider groups give which roles and teams (a test points an app at its own file).
    identity_groups_file: Path = IDENTITY_GROUPS_FILE
    assets_dir: Path = PROJECT_ROOT / "static" / "dist"
    forms_dir: Path = FORMS_DIR
    extra: dict = field(default_factory=dict)

    @property
    def is_development(self) -> bool:
        return self.environment == "development"

    @property
    def is_test(self) -> bool:
        return self.environment == "test"

    def flask_config(self) -> dict:
        """The Flask and extension settings that follow from these values."""
        local = self.is_development or self.is_test
        config = {
            "SECRET_KEY": self.secret_key,
            "MAX_CONTENT_LENGTH": self.max_request_bytes,
            # Flask-WTF: the token lives as long as the session, so a slow form is not lost.
            "WTF_CSRF_TIME_LIMIT": None,
            "WTF_CSRF_SSL_STRICT": not local,
            "SESSION_COOKIE_NAME": "frontdoor_session",
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_SECURE": not local,
            "PREFERRED_URL_SCHEME": "http" if local else "https",
            "RATELIMIT_STORAGE_URI": self.ratelimit_storage_uri,
            "RATELIMIT_HEADERS_ENABLED": True,
            "RATELIMIT_ENABLED": True,
            "COMPRESS_ALGORITHM": ["br", "gzip"],
            "COMPRESS_MIMETYPES": [
                "text/html",
                "text/plain",
                "text/xml",
                "application/xml",
                "application/json",
            ],
            "COMPRESS_MIN_SIZE": 500,
            "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
            "BABEL_DEFAULT_LOCALE": "en",
            "BABEL_DEFAULT_TIMEZONE": "Europe/London",
            "SESSION_TIMEOUT_MINUTES": self.session_timeout_minutes,
            "NOTIFY_API_KEY": self.notify_api_key,
            "NOTIFY_TEMPLATES": self.notify_templates,
            **{f"SMTP_{key.upper()}": value for key, value in self.smtp.items()},
            "OS_PLACES_API_KEY": self.os_places_api_key,
            "OS_PLACES_URL": self.os_places_url,
            "OS_PLACES_TIMEOUT": self.os_places_timeout,
        }
        config.update(self.extra)
        return config


def _as_int(name: str, raw: str, minimum: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}.")
    return value


def _as_seconds(name: str, raw: str) -> float:
    """A short wait in seconds: a person's form waits on it, so more than 10 is refused."""
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, not {raw!r}.") from None
    if not 0 < value <= 10:
        raise ConfigError(f"{name} must be more than 0 and at most 10 seconds, not {value}.")
    return value


def _development_secret() -> str:
    """A key kept in instance/ so local sessions survive restarts and several workers agree."""
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _checkout_environment() -> str | None:
    """The environment `make` recorded for this checkout in instance/environment, if any.

    `make run` and `make test` write "development" there, so the README's commands
    (`.venv/bin/flask --app wsgi routing-preview ...`) work in a local checkout without
    exporting anything. A server sets FRONTDOOR_ENV itself, which always wins; with neither,
    the portal is in production and refuses to start without a real secret.
    """
    path = INSTANCE_DIR / "environment"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


def _oidc_settings(env: Mapping[str, str], environment: str) -> dict:
    """OIDC_*: all or nothing, so a half-configured provider stops start-up rather than showing
    a button that cannot work. Plain http:// is for a provider on this machine in development
    and test only."""
    issuer = env.get("OIDC_ISSUER", "").strip()
    client_id = env.get("OIDC_CLIENT_ID", "").strip()
    secret = env.get("OIDC_CLIENT_SECRET", "").strip()
    if not issuer:
        for name in ("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"):
            if env.get(name, "").strip():
                raise ConfigError(f"{name} is set but OIDC_ISSUER is not: set both, or neither.")
        return {}
    local = environment in ("development", "test")
    if not (issuer.startswith("https://") or (local and issuer.startswith("http://"))):
        raise ConfigError(
            "OIDC_ISSUER must be an https:// address (the provider's issuer, such as "
            f"https://login.microsoftonline.com/<tenant id>/v2.0), not {issuer!r}."
        )
    if any(mark in issuer for mark in "?# "):
        raise ConfigError(f"OIDC_ISSUER must be the issuer alone, with no query, not {issuer!r}.")
    if not client_id:
        raise ConfigError(
            "With OIDC_ISSUER, set OIDC_CLIENT_ID to the client (application) id the "
            "provider gave the portal."
        )
    if not secret:
        raise ConfigError(
            "With OIDC_ISSUER, set OIDC_CLIENT_SECRET to the client secret (from your secret "
            "store)."
        )
    values = {"oidc_issuer": issuer, "oidc_client_id": client_id, "oidc_client_secret": secret}
    if "OIDC_GROUPS_CLAIM" in env:
        claim = env["OIDC_GROUPS_CLAIM"].strip()
        if not claim or any(character.isspace() for character in claim):
            raise ConfigError(
                f"OIDC_GROUPS_CLAIM must be the name of a claim, such as groups, not {claim!r}."
            )
        values["oidc_groups_claim"] = claim
    if "OIDC_NAME" in env:
        name = " ".join(env["OIDC_NAME"].split())
        if not name or len(name) > 60:
            raise ConfigError(
                "OIDC_NAME must be the words after 'Sign in with' (1 to 60 characters), such "
                f"as {DEFAULT_OIDC_NAME!r}."
            )
        values["oidc_name"] = name
    return values


def load_settings(environ: Mapping[str, str] | None = None, **overrides) -> Settings:
    """Read settings from ``environ`` (default: the process environment, and the checkout's
    instance/environment), then apply overrides."""
    env = os.environ if environ is None else environ
    values: dict = {}

    default = (_checkout_environment() if environ is None else None) or "production"
    environment = (env.get("FRONTDOOR_ENV") or default).strip().lower()
    if environment not in ENVIRONMENTS:
        raise ConfigError(f"FRONTDOOR_ENV must be one of {', '.join(ENVIRONMENTS)}.")
    values["environment"] = environment

    if "DATABASE_URL" in env:
        url = env["DATABASE_URL"].strip()
        # Some platforms still hand out the old scheme name; SQLAlchemy 2 needs the dialect name.
        if url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgres://")
        elif url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        if not url.startswith(("sqlite:", "postgresql+psycopg:")):
            raise ConfigError("DATABASE_URL must be a sqlite:/// or postgresql:// address.")
        values["database_url"] = url

    if "RATELIMIT_STORAGE_URI" in env:
        values["ratelimit_storage_uri"] = env["RATELIMIT_STORAGE_URI"].strip()
    if "SUBMISSION_RATE_LIMIT" in env:
        limit = env["SUBMISSION_RATE_LIMIT"].strip()
        try:
            parse_many(limit)
        except ValueError:
            raise ConfigError(
                "SUBMISSION_RATE_LIMIT must look like '10 per minute;60 per hour'."
            ) from None
        values["submission_rate_limit"] = limit
    if "PAGE_SAVE_RATE_LIMIT" in env:
        limit = env["PAGE_SAVE_RATE_LIMIT"].strip()
        try:
            parse_many(limit)
        except ValueError:
            raise ConfigError("PAGE_SAVE_RATE_LIMIT must look like '120 per minute'.") from None
        values["page_save_rate_limit"] = limit
    if "STAFF_SIGN_IN_RATE_LIMIT" in env:
        limit = env["STAFF_SIGN_IN_RATE_LIMIT"].strip()
        try:
            parse_many(limit)
        except ValueError:
            raise ConfigError(
                "STAFF_SIGN_IN_RATE_LIMIT must look like '30 per minute;600 per hour'."
            ) from None
        values["staff_sign_in_rate_limit"] = limit
    if "MAX_REQUEST_BYTES" in env:
        values["max_request_bytes"] = _as_int("MAX_REQUEST_BYTES", env["MAX_REQUEST_BYTES"], 1024)
    if "TRUST_PROXY_HOPS" in env:
        values["trust_proxy_hops"] = _as_int("TRUST_PROXY_HOPS", env["TRUST_PROXY_HOPS"], 0)
    if "LOG_LEVEL" in env:
        level = env["LOG_LEVEL"].strip().upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ConfigError("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR.")
        values["log_level"] = level
    if "SERVICE_PHASE" in env:
        phase = env["SERVICE_PHASE"].strip().lower()
        if phase not in PHASES:
            raise ConfigError("SERVICE_PHASE must be alpha or beta.")
        values["service_phase"] = phase

    if "SESSION_TIMEOUT_MINUTES" in env:
        values["session_timeout_minutes"] = _as_int(
            "SESSION_TIMEOUT_MINUTES", env["SESSION_TIMEOUT_MINUTES"], 5
        )
    if env.get("NOTIFY_API_KEY"):
        values["notify_api_key"] = env["NOTIFY_API_KEY"].strip()
        templates = {
            "acknowledgement": env.get("NOTIFY_TEMPLATE_ACKNOWLEDGEMENT", "").strip(),
            "resume-link": env.get("NOTIFY_TEMPLATE_RESUME_LINK", "").strip(),
        }
        missing = [name for name, value in templates.items() if not value]
        if missing:
            raise ConfigError(
                "With NOTIFY_API_KEY, set NOTIFY_TEMPLATE_ACKNOWLEDGEMENT and "
                "NOTIFY_TEMPLATE_RESUME_LINK to the ids of the Notify templates."
            )
        values["notify_templates"] = templates
    if env.get("EDS_ALERT_EMAIL"):
        address = env["EDS_ALERT_EMAIL"].strip()
        if "@" not in address:
            raise ConfigError("EDS_ALERT_EMAIL must be an email address.")
        values["eds_alert_email"] = address
        if values.get("notify_api_key"):
            template = env.get("NOTIFY_TEMPLATE_OUT_OF_HOURS_ALERT", "").strip()
            if not template:
                raise ConfigError(
                    "With NOTIFY_API_KEY and EDS_ALERT_EMAIL, set "
                    "NOTIFY_TEMPLATE_OUT_OF_HOURS_ALERT to the id of the Notify template."
                )
            values["notify_templates"]["out-of-hours-alert"] = template
    if env.get("STAFF_SUBMISSION_URL"):
        url = env["STAFF_SUBMISSION_URL"].strip()
        if not url.startswith("https://") or "{reference}" not in url:
            raise ConfigError(
                "STAFF_SUBMISSION_URL must be an https:// address with {reference} in it."
            )
        values["staff_submission_url"] = url
    if env.get("SMTP_HOST"):
        if not env.get("SMTP_FROM"):
            raise ConfigError("With SMTP_HOST, set SMTP_FROM to the address messages come from.")
        values["smtp"] = {
            "host": env["SMTP_HOST"].strip(),
            "port": _as_int("SMTP_PORT", env.get("SMTP_PORT", "587"), 1),
            "from": env["SMTP_FROM"].strip(),
            "username": env.get("SMTP_USERNAME", ""),
            "password": env.get("SMTP_PASSWORD", ""),
        }

    if env.get("FORMS_DIR"):
        folder = Path(env["FORMS_DIR"].strip()).expanduser().resolve()
        if not folder.is_dir():
            raise ConfigError(f"FORMS_DIR must be a folder of journey files, not {str(folder)!r}.")
        values["forms_dir"] = folder

    if env.get("OS_PLACES_API_KEY"):
        values["os_places_api_key"] = env["OS_PLACES_API_KEY"].strip()
    if env.get("OS_PLACES_URL"):
        url = env["OS_PLACES_URL"].strip()
        if not url.startswith(("https://", "http://")):
            raise ConfigError("OS_PLACES_URL must be an http:// or https:// address.")
        values["os_places_url"] = url
    if env.get("OS_PLACES_TIMEOUT"):
        values["os_places_timeout"] = _as_seconds("OS_PLACES_TIMEOUT", env["OS_PLACES_TIMEOUT"])

    values.update(_oidc_settings(env, environment))

    secret = env.get("SECRET_KEY", "").strip()
    if not secret and environment == "development":
        secret = _development_secret()
    values["secret_key"] = secret

    known = {f.name for f in fields(Settings)}
    unknown = set(overrides) - known
    if unknown:
        raise ConfigError(f"Unknown settings: {', '.join(sorted(unknown))}.")
    values.update(overrides)
    settings = Settings(**values)

    if not settings.secret_key:
        raise ConfigError(
            "SECRET_KEY must be set (for example from your secret store). "
            "For local use, set FRONTDOOR_ENV=development and one is made for you."
        )
    if settings.environment == "production" and len(settings.secret_key) < 32:
        raise ConfigError("SECRET_KEY must be at least 32 characters in production.")
    return settings

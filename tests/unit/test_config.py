"""Settings: a wrong or missing value stops start-up with a message naming it."""

from __future__ import annotations

import pytest

from portal.config import ConfigError, load_settings

GOOD_SECRET = "x" * 40


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        load_settings({"FRONTDOOR_ENV": "production"})


def test_production_refuses_a_short_secret_key():
    with pytest.raises(ConfigError, match="at least 32 characters"):
        load_settings({"FRONTDOOR_ENV": "production", "SECRET_KEY": "short"})


def test_defaults_to_production_settings():
    settings = load_settings({"SECRET_KEY": GOOD_SECRET})
    assert settings.environment == "production"
    config = settings.flask_config()
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("FRONTDOOR_ENV", "staging", "FRONTDOOR_ENV"),
        ("DATABASE_URL", "mysql://db/frontdoor", "DATABASE_URL"),
        ("MAX_REQUEST_BYTES", "lots", "MAX_REQUEST_BYTES"),
        ("MAX_REQUEST_BYTES", "10", "at least 1024"),
        ("TRUST_PROXY_HOPS", "-1", "TRUST_PROXY_HOPS"),
        ("LOG_LEVEL", "CHATTY", "LOG_LEVEL"),
        ("SERVICE_PHASE", "live-ish", "SERVICE_PHASE"),
        ("SUBMISSION_RATE_LIMIT", "many", "SUBMISSION_RATE_LIMIT"),
        ("FORMS_DIR", "no-such-folder-of-forms", "FORMS_DIR must be a folder"),
    ],
)
def test_bad_values_are_named_in_the_error(name, value, message):
    with pytest.raises(ConfigError, match=message):
        load_settings({"SECRET_KEY": GOOD_SECRET, name: value})


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db/frontdoor", "postgresql+psycopg://u:p@db/frontdoor"),
        ("postgresql://u:p@db/frontdoor", "postgresql+psycopg://u:p@db/frontdoor"),
        ("sqlite:////srv/frontdoor.db", "sqlite:////srv/frontdoor.db"),
    ],
)
def test_database_urls_are_normalised_for_sqlalchemy(given, expected):
    settings = load_settings({"SECRET_KEY": GOOD_SECRET, "DATABASE_URL": given})
    assert settings.database_url == expected


def test_development_makes_and_keeps_its_own_secret(tmp_path, monkeypatch):
    import portal.config as config

    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    first = load_settings({"FRONTDOOR_ENV": "development"}).secret_key
    second = load_settings({"FRONTDOOR_ENV": "development"}).secret_key
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_rate_limit_storage_can_be_shared_between_servers():
    settings = load_settings(
        {"SECRET_KEY": GOOD_SECRET, "RATELIMIT_STORAGE_URI": "redis://cache.internal:6379/0"}
    )
    assert settings.flask_config()["RATELIMIT_STORAGE_URI"] == "redis://cache.internal:6379/0"


def test_a_local_checkout_is_development_without_exporting_anything(tmp_path, monkeypatch):
    import portal.config as config

    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    monkeypatch.delenv("FRONTDOOR_ENV", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        load_settings()  # no mark: production, which needs a real secret
    (tmp_path / "environment").write_text("development\n")
    assert load_settings().environment == "development"
    monkeypatch.setenv("FRONTDOOR_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        load_settings()  # the server's own setting wins over the checkout's mark


def test_a_configuration_error_is_one_line_without_a_traceback(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("FRONTDOOR_ENV", "SECRET_KEY")
    }
    env["FRONTDOOR_ENV"] = "production"
    result = subprocess.run(
        [sys.executable, "-c", "import wsgi"],
        capture_output=True,
        text=True,
        env=env,
        cwd=config_root(),
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "Front Door cannot start: SECRET_KEY must be set (for example from your secret store). "
        "For local use, set FRONTDOOR_ENV=development and one is made for you."
    ]


def config_root():
    from portal.config import PROJECT_ROOT

    return PROJECT_ROOT


def test_the_duty_service_address_and_its_notify_template():
    base = {"SECRET_KEY": GOOD_SECRET}
    assert load_settings(base).eds_alert_email == ""
    settings = load_settings({**base, "EDS_ALERT_EMAIL": " eds@example.com "})
    assert settings.eds_alert_email == "eds@example.com"
    with pytest.raises(ConfigError, match="EDS_ALERT_EMAIL must be an email address"):
        load_settings({**base, "EDS_ALERT_EMAIL": "not an address"})
    notify = {
        **base,
        "NOTIFY_API_KEY": "key",
        "NOTIFY_TEMPLATE_ACKNOWLEDGEMENT": "a",
        "NOTIFY_TEMPLATE_RESUME_LINK": "b",
        "EDS_ALERT_EMAIL": "eds@example.com",
    }
    with pytest.raises(ConfigError, match="NOTIFY_TEMPLATE_OUT_OF_HOURS_ALERT"):
        load_settings(notify)
    templates = load_settings(
        {**notify, "NOTIFY_TEMPLATE_OUT_OF_HOURS_ALERT": "c"}
    ).notify_templates
    assert templates["out-of-hours-alert"] == "c"
    with pytest.raises(ConfigError, match="STAFF_SUBMISSION_URL"):
        load_settings({**base, "STAFF_SUBMISSION_URL": "https://staff.example/"})


def test_the_forms_folder_is_the_checkouts_unless_set(tmp_path):
    from portal.config import FORMS_DIR

    assert load_settings({"SECRET_KEY": GOOD_SECRET}).forms_dir == FORMS_DIR
    chosen = load_settings({"SECRET_KEY": GOOD_SECRET, "FORMS_DIR": str(tmp_path)})
    assert chosen.forms_dir == tmp_path.resolve()

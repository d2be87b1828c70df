"""Front Door: the Essex Adult Social Care resident portal."""

from __future__ import annotations

from flask import Flask
from flask_babel import format_date
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.config import Settings, load_settings


def create_app(settings: Settings | None = None) -> Flask:
    """Build the app from ``settings`` (default: read from the environment)."""
    from portal import (
        accounts,
        assets,
        cli,
        components,
        contacts,
        content,
        errors,
        i18n,
        log,
        safety,
        security,
    )
    from portal.data import init_database
    from portal.extensions import compress, csrf, limiter

    settings = settings or load_settings()
    app = Flask(__name__, static_folder=None, template_folder=None)
    app.config.from_mapping(settings.flask_config())
    app.extensions["frontdoor.settings"] = settings
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(app.root_path + "/templates"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )

    log.configure_logging(app, settings.log_level)
    init_database(app, settings.database_url)
    i18n.init_i18n(app)
    csrf.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    security.init_security(app)
    safety.init_safety(app)
    contacts.init_contacts(app)
    components.init_components(app)
    accounts.init_accounts(app)
    app.jinja_env.globals.update(service_phase=settings.service_phase, format_date=format_date)

    from portal import journeys
    from portal.advice import bp as advice_bp
    from portal.api import bp as api_bp
    from portal.directory import bp as directory_bp
    from portal.ops import bp as ops_bp
    from portal.public import bp as public_bp
    from portal.staff import bp as staff_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(advice_bp)
    app.register_blueprint(directory_bp)
    journeys.init_journeys(app)
    from portal.work_items.outcomes import outcomes
    from portal.work_items.statuses import statuses

    statuses()  # config/work-statuses.yaml: a mistake stops start-up, not a first sent form
    outcomes()  # config/work-outcomes.yaml, likewise, against the queues in forms/routing.yaml
    from portal.journeys_web import bp as journeys_bp

    app.register_blueprint(journeys_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(ops_bp)
    app.register_blueprint(staff_bp)
    content.init_content(app)
    errors.register_error_handlers(app)
    cli.register_cli(app)

    if settings.trust_proxy_hops:
        hops = settings.trust_proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    # Last, so static files are answered before any Flask work is done.
    assets.init_assets(app, settings.assets_dir, development=settings.is_development)
    return app

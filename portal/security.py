"""Response headers that make the browser enforce what the templates promise.

The Content-Security-Policy allows scripts only from our own origin and only with the nonce made
for this response, and no inline style at all: a template that slips in an inline script or a
``style`` attribute breaks visibly in tests instead of quietly weakening the policy.
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, g, request

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
)

# A year, with subdomains: the council's service is only ever served over HTTPS.
HSTS = "max-age=31536000; includeSubDomains"


def csp_nonce() -> str:
    """The nonce for this response's scripts (made on first use)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def content_security_policy(nonce: str) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' 'nonce-{nonce}'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "manifest-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def security_headers(response: Response) -> Response:
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    headers["Permissions-Policy"] = PERMISSIONS_POLICY
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.is_secure:
        headers["Strict-Transport-Security"] = HSTS
    # Pages can carry personal answers and a CSRF token; shared caches must never keep them.
    if "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-cache, private"
    return response


def static_headers(headers, _path: str, _url: str) -> None:
    """Headers for files WhiteNoise serves, which never pass through Flask."""
    headers["X-Content-Type-Options"] = "nosniff"


def init_security(app: Flask) -> None:
    app.after_request(security_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce

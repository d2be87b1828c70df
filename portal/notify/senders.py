"""Ways to send an email: GOV.UK Notify, SMTP, or the log (for a local copy).

Chosen from configuration: NOTIFY_API_KEY selects Notify, SMTP_HOST selects SMTP, otherwise
messages are written to the log (reference and purpose only, never the address or the text).
A sender only delivers: the worker builds the payload from what is stored and hands it over, so
a sender needs no database and holds nothing open while a provider is slow.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage
from typing import Protocol

from flask_babel import force_locale

from portal.data.journeys import OutboxMessage
from portal.notify.messages import render
from portal.notify.payloads import Payload

log = logging.getLogger(__name__)


class Sender(Protocol):
    """Delivers one message; returns the provider's id for it, if it gives one.

    Raises on any failure (the worker retries). An error's text must not repeat the payload.
    """

    def send(self, message: OutboxMessage, payload: Payload) -> str | None: ...


class LogSender:
    """For local use: records that a message would have gone, without its contents."""

    def send(self, message: OutboxMessage, payload: Payload) -> str | None:
        log.info(
            "message sent to the log",
            extra={"event": "message_logged", "path": f"{message.reference}/{message.purpose}"},
        )
        return None


class SmtpSender:
    def __init__(self, host: str, port: int, sender: str, username: str = "", password: str = ""):
        self.host, self.port, self.sender = host, port, sender
        self.username, self.password = username, password

    def send(self, message: OutboxMessage, payload: Payload) -> str | None:
        with force_locale(message.locale):
            subject, body = render(message, payload)
        email = EmailMessage()
        email["From"] = self.sender
        email["To"] = message.recipient
        email["Subject"] = subject
        email.set_content(body)
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password)
            smtp.send_message(email)
        return None


class NotifySender:
    """GOV.UK Notify: one template per purpose, set up in Notify with ((reference)) and ((link))."""

    def __init__(self, api_key: str, templates: dict[str, str]) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(api_key)
        self.templates = templates

    def send(self, message: OutboxMessage, payload: Payload) -> str | None:
        response = self.client.send_email_notification(
            email_address=message.recipient,
            template_id=self.templates[message.purpose],
            personalisation=payload,
            reference=message.reference,
        )
        return response.get("id")


def sender_from_config(config) -> Sender:
    """The email sender the configuration asks for."""
    if config.get("NOTIFY_API_KEY"):
        return NotifySender(config["NOTIFY_API_KEY"], config["NOTIFY_TEMPLATES"])
    if config.get("SMTP_HOST"):
        return SmtpSender(
            config["SMTP_HOST"],
            int(config.get("SMTP_PORT", 587)),
            config["SMTP_FROM"],
            config.get("SMTP_USERNAME", ""),
            config.get("SMTP_PASSWORD", ""),
        )
    return LogSender()

"""The words of each message, in the recipient's language, with the reference and nothing else
about them: no name, address, or detail of a concern or of someone's care. They are written when
the message is sent, from the values its payload builder gives (portal/notify/payloads.py)."""

from __future__ import annotations

from flask_babel import gettext

from portal.data.journeys import OutboxMessage
from portal.notify.payloads import Payload, payload


def render(message: OutboxMessage, values: Payload | None = None) -> tuple[str, str]:
    """(subject, body) for SMTP; Notify uses its own templates with the same values.

    `values` is the message's payload when the caller has already built it.
    """
    values = payload(message) if values is None else values
    reference = values["reference"]
    if message.purpose == "acknowledgement":
        subject = gettext("We have received your form: %(reference)s", reference=reference)
        body = gettext(
            "We have received your form. Your reference is %(reference)s.\n\n"
            "Keep this reference: you will need it if you contact us about your form.\n\n"
            "If you need to speak to us, call Essex Adult Social Care on 0345 603 7630.",
            reference=reference,
        )
    elif message.purpose == "resume-link":
        subject = gettext("Your saved form: %(reference)s", reference=reference)
        body = gettext(
            "You saved a form with Essex Adult Social Care. To carry on, go to:\n\n%(link)s\n\n"
            "The link works for 30 days. Your reference is %(reference)s.",
            reference=reference,
            link=values["link"],
        )
    elif message.purpose == "out-of-hours-alert":
        # For the Emergency Duty Service, in English; still only the reference and priority.
        subject = f"Urgent safeguarding alert received out of hours: {reference}"
        link = values["link"] or "search ASC Connects for the reference"
        body = (
            "An urgent safeguarding alert was sent through the Front Door portal while Adult "
            f"Social Care was closed.\n\nReference: {reference}\n"
            f"Priority: {values['priority']}\n\n"
            f"Open it (staff only): {link}"
        )
    else:
        raise ValueError(f"No message for purpose {message.purpose!r}")
    return subject, body

"""The words of each message, in the recipient's language, with the reference and nothing else
about them: no name, address, or detail of a concern or of someone's care."""

from __future__ import annotations

from flask_babel import gettext

from portal.data.journeys import OutboxMessage


def render(message: OutboxMessage) -> tuple[str, str]:
    """(subject, body) for SMTP; Notify uses its own templates with the same personalisation."""
    reference = message.personalisation["reference"]
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
            link=message.personalisation["link"],
        )
    elif message.purpose == "out-of-hours-alert":
        # For the Emergency Duty Service, in English; still only the reference and priority.
        subject = f"Urgent safeguarding alert received out of hours: {reference}"
        link = message.personalisation["link"] or "search ASC Connects for the reference"
        body = (
            "An urgent safeguarding alert was sent through the Front Door portal while Adult "
            f"Social Care was closed.\n\nReference: {reference}\n"
            f"Priority: {message.personalisation['priority']}\n\n"
            f"Open it (staff only): {link}"
        )
    else:
        raise ValueError(f"No message for purpose {message.purpose!r}")
    return subject, body

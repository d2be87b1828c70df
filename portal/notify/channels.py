"""Which sender delivers each channel of message.

A message's `channel` picks its sender here and nowhere else: the worker loop asks this table and
knows no channel by name. A new way out (the case-system hand-off, a provider's webhook) is a
sender class with `send(message, payload)`, a payload builder per purpose it carries
(portal/notify/payloads.py) and one line in CHANNELS.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from portal.notify.senders import Sender, sender_from_config

# Channel name -> a function that makes its sender from the app's configuration.
CHANNELS: dict[str, Callable[[Mapping[str, Any]], Sender]] = {
    "email": sender_from_config,
}


def senders_from_config(config: Mapping[str, Any]) -> dict[str, Sender]:
    """One sender per channel, made once when a worker starts."""
    return {channel: make(config) for channel, make in CHANNELS.items()}

"""Read-only JSON APIs for partners."""

from portal.api.oruk import bp

__all__ = ["bp"]

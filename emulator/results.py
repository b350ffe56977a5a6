"""What a handler may return besides plain data, for the HTTP layer to render.

Domains stay free of HTTP: a handler that answers a file or an envelope warning returns one of
these, and the pipeline (or the file routes) turns it into the response.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Warned:
    """A handler result that also carries the envelope's ``warning`` field."""

    response: Any
    warning: Any  # a string, or the list of strings some APIs answer


@dataclass(frozen=True)
class FileAnswer:
    """A file answered as itself, without the envelope (airway bills, income documents, images)."""

    content: bytes
    media_type: str
    filename: str | None = None  # sent as an attachment under this name
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NotFound:
    """A file route's answer for a file that does not exist: a plain 404 with ``message``."""

    message: str

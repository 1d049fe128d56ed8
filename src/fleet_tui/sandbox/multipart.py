"""Just enough ``multipart/form-data`` to take a file from an HTML-style upload form.

The standard library's MIME parser reads it; the sandbox needs no extra dependency
for a format whose only use here is one file field.
"""

from __future__ import annotations

from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP


def first_file(content_type: str, body: bytes) -> bytes | None:
    """The content of the first part that carries a ``filename``, else of the first
    part; ``None`` if the body holds no part."""
    head = b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n"
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    if not message.is_multipart():
        return None
    parts = [p for p in message.iter_parts() if isinstance(p, Message)]
    chosen = next((p for p in parts if p.get_filename()), parts[0] if parts else None)
    if chosen is None:
        return None
    payload = chosen.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else None

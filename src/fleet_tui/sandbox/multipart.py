"""The file of an HTML-style ``multipart/form-data`` upload, parsed as it arrives.

Starlette's parser (python-multipart underneath) streams the body and stops at a
bounded number of parts, so a body of many tiny parts is refused after a few of them
instead of being parsed whole on the event loop (the standard library's email parser,
used before, built every part in memory first and froze every other request).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

from starlette.datastructures import Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from fleet_tui.sandbox.limits import (
    MULTIPART_MAX_FIELDS,
    MULTIPART_MAX_FILES,
    MULTIPART_MAX_PART_BYTES,
)


class BadMultipart(ValueError):
    """The body is not a readable multipart form, or has too many parts."""


async def first_file(headers: Headers, stream: AsyncGenerator[bytes, None]) -> bytes | None:
    """The content of the form's file part; ``None`` if it holds none.

    Raises :class:`BadMultipart`.
    """
    parser = MultiPartParser(
        headers,
        stream,
        max_files=MULTIPART_MAX_FILES,
        max_fields=MULTIPART_MAX_FIELDS,
        max_part_size=MULTIPART_MAX_PART_BYTES,
    )
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise BadMultipart(str(exc)) from None
    try:
        for _name, value in form.multi_items():
            if isinstance(value, UploadFile):
                return await value.read()
        return None
    finally:
        await form.close()

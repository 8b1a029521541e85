"""Stop an oversized upload while it arrives, before it is written to a temporary file.

The import view checks the file against settings.UPLOAD_MAX_MB and explains the limit; this
handler only refuses bodies well past it (the limit plus 1 MB for the form's other fields)
so a huge or endless upload cannot fill the disk or hold a worker.
"""

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _
from rest_framework import exceptions, status


class UploadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "upload_too_large"


def _limit() -> int:
    return (settings.UPLOAD_MAX_MB + 1) * 1024 * 1024


def _refuse() -> UploadTooLarge:
    return UploadTooLarge(
        _("The upload is larger than %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_MB}
    )


class UploadLimitHandler(FileUploadHandler):
    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, *args: Any, **kwargs: Any
    ) -> None:
        if content_length > _limit():
            raise _refuse()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        # Also catches a body sent without (or with a false) Content-Length.
        if start + len(raw_data) > _limit():
            raise _refuse()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

"""Request body parsers with limits: a body past the limit is a 413, deep nesting a 400.

DRF's parsers read the request stream directly, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE
check (which guards only `request.body`): a 60 MB JSON body was parsed whole, and a deeply
nested one ended in a RecursionError (a 500). These read at most the limit plus one byte,
and refuse nesting deeper than any request of this API needs. Upload endpoints (Excel
imports, evidence files) keep their own parsers and limits (common.uploads).
"""

import io
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers, status

MAX_DEPTH = 20  # the deepest request of this API (rule settings) nests 4 levels


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"


def read_bounded(stream: Any) -> bytes:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    data = stream.read(limit + 1) if stream is not None else b""
    if len(data) > limit:
        raise BodyTooLarge(_("The request body is larger than %(kb)s KB.") % {"kb": limit // 1024})
    return data


def _too_deep(value: Any) -> bool:
    """Nested deeper than MAX_DEPTH (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = read_bounded(stream)
        try:
            parsed = super().parse(io.BytesIO(data), media_type, parser_context)
        except RecursionError:
            parsed = None
        except exceptions.ParseError as exc:
            # DRF's "JSON parse error - …" is English whatever the reader's language; the
            # parser's own words (where the JSON breaks) follow ours.
            cause = str(exc.detail).removeprefix("JSON parse error - ")
            raise exceptions.ParseError(
                _("The request body is not valid JSON: %(cause)s") % {"cause": cause}
            ) from None
        else:
            if not _too_deep(parsed):
                return parsed
        raise exceptions.ParseError(
            _("The JSON is nested deeper than %(depth)s levels.") % {"depth": MAX_DEPTH}
        )


class FormParser(parsers.FormParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        return super().parse(io.BytesIO(read_bounded(stream)), media_type, parser_context)

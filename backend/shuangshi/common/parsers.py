"""Request body parsers with limits: a body past the limit is a 413, deep nesting a 400.

DRF's parsers read the request stream directly, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE
check (which guards only `request.body`): a 60 MB JSON body was parsed whole, and a deeply
nested one ended in a RecursionError (a 500). These read at most the limit plus one byte,
and refuse nesting deeper than any request of this API needs. Upload endpoints (Excel
imports, evidence files) keep their own limits (common.uploads).

No parsed value may hold a lone surrogate (U+D800–U+DFFF): JSON escapes it (`"\\ud800"`), and
a form, multipart or query string decoded under a charset the request names
(`Content-Type: …; charset=unicode_escape`) can too. Echoed in an error (a choice field's
"“…” is not a valid choice.") it failed the response's encoding: a 500. Such a body is a 400
naming its field (the top-level key), in the words DRF's text fields use; a query string
alike (SurrogateQueryMiddleware).
"""

import io
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MAX_TOTAL_HEADER_SIZE  # type: ignore[attr-defined]
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers, status
from rest_framework.settings import api_settings
from rest_framework.validators import ProhibitSurrogateCharactersValidator

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


_SURROGATE = re.compile("[\ud800-\udfff]")
Found = dict[str, int]  # field -> the first surrogate's code point in it


def _field(key: str) -> str:
    """A key as an error can name it: a surrogate in it written as `\\ud800`."""
    return key.encode("utf-8", "backslashreplace").decode("utf-8")


def _note(found: Found, field: str, text: str) -> None:
    if field not in found and (match := _SURROGATE.search(text)):
        found[field] = ord(match.group())


def _walk(value: Any) -> tuple[bool, Found]:
    """One pass, without recursion: whether the value nests deeper than MAX_DEPTH, and the
    top-level fields holding a surrogate (in a key or a string anywhere beneath)."""
    found: Found = {}
    stack = [(value, 1, api_settings.NON_FIELD_ERRORS_KEY)]
    while stack:
        item, depth, field = stack.pop()
        if depth > MAX_DEPTH:
            return True, found
        if isinstance(item, str):
            _note(found, field, item)
        elif isinstance(item, dict):
            for key, child in reversed(item.items()):  # popped in the body's order
                name = _field(key) if depth == 1 else field
                _note(found, name, key)
                stack.append((child, depth + 1, name))
        elif isinstance(item, list):
            stack.extend((child, depth + 1, field) for child in reversed(item))
    return False, found


def _form_surrogates(*dicts: MultiValueDict) -> Found:
    """A form's (or query string's) fields holding a surrogate: in the name or a value, or
    an uploaded file's name."""
    found: Found = {}
    for data in dicts:
        for key, values in data.lists():
            name = _field(key)
            _note(found, name, key)
            for value in values:
                _note(found, name, value if isinstance(value, str) else value.name or "")
    return found


def surrogate_errors(found: Found) -> dict[str, list[str]]:
    """`{field: [message]}` in DRF's words for a text field's surrogate."""
    message = str(ProhibitSurrogateCharactersValidator.message)
    return {field: [message.format(code_point=code)] for field, code in found.items()}


def _refuse_surrogates(found: Found) -> None:
    if found:
        raise exceptions.ValidationError(surrogate_errors(found))


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
            too_deep, found = _walk(parsed)
            if not too_deep:
                _refuse_surrogates(found)
                return parsed
        raise exceptions.ParseError(
            _("The JSON is nested deeper than %(depth)s levels.") % {"depth": MAX_DEPTH}
        )


class FormParser(parsers.FormParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(io.BytesIO(read_bounded(stream)), media_type, parser_context)
        _refuse_surrogates(_form_surrogates(data))
        return data


_HEADERS_TOO_LONG = "Request max total header size exceeded"


class MultiPartParser(parsers.MultiPartParser):
    """DRF's, unbounded here (uploads have their own limits: common.uploads); a field, its
    name or a file's name holding a surrogate is a 400 naming the field."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            parsed = super().parse(stream, media_type, parser_context)
        except exceptions.ParseError as exc:
            if _HEADERS_TOO_LONG not in str(exc.detail):
                raise
            # Django stops at 1,024 bytes of a part's headers: in practice a file's name of
            # about 300 Chinese characters or more. Every upload here is the field `file`.
            raise exceptions.ValidationError(
                {
                    "file": [
                        _(
                            "The file's name is too long (its part of the upload is over "
                            "%(limit)s bytes); rename the file and upload it again."
                        )
                        % {"limit": f"{MAX_TOTAL_HEADER_SIZE:,}"}
                    ]
                }
            ) from None
        _refuse_surrogates(_form_surrogates(parsed.data, parsed.files))
        return parsed


class SurrogateQueryMiddleware:
    """A query string holding a surrogate (decoded under the charset the request names) is
    a 400 naming the parameter, before any view or filter echoes it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.META.get("QUERY_STRING"):
            found = _form_surrogates(request.GET)
            if found:
                return JsonResponse(
                    surrogate_errors(found),
                    status=status.HTTP_400_BAD_REQUEST,
                    json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
                )
        return self.get_response(request)

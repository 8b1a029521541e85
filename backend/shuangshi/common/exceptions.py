"""API errors: DRF's shapes, plus database integrity and model validation as 400s."""

import re
from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class LookupBudgetExceeded(Exception):
    """The user has used up today's ID-number lookups (audit.services.id_lookups_charge)."""

    def __init__(self, *, limit: int, retry_after: int) -> None:
        super().__init__(limit)
        self.limit = limit
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        return _(
            "You have used today's %(limit)d ID-number lookups; try again tomorrow or ask the "
            "province."
        ) % {"limit": self.limit}


def teacher_gone_message() -> str:
    return _("This teacher has been deleted or does not exist.")


# The fields whose record, deleted meanwhile, is named in words; any other field by DRF's
# "object does not exist" (what the request is told had it been deleted before validation).
_GONE_MESSAGES = {"teacher": teacher_gone_message}
_MISSING_KEY = re.compile(r"Key \((?P<column>\w+)\)=\((?P<value>[^)]*)\) is not present in table")


def _foreign_key_violation(exc: IntegrityError) -> bool:
    """A reference to a row that is not there (deleted by another request since this one
    validated): PostgreSQL's 23503, SQLite's "FOREIGN KEY constraint failed" (both check
    Django's foreign keys at commit)."""
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) == "23503":
        return True
    return "FOREIGN KEY constraint failed" in str(exc)


def _missing_reference_field(exc: IntegrityError) -> tuple[str, str] | None:
    """The model field and key PostgreSQL names in a refused insert or update ("Key
    (teacher_id)=(5) is not present in table ..."); None where it names none (SQLite, or a
    delete refused because a new row refers to it)."""
    diag = getattr(exc.__cause__, "diag", None)
    table = getattr(diag, "table_name", None)
    match = _MISSING_KEY.search(getattr(diag, "message_detail", None) or "")
    if not table or match is None:
        return None
    for model in apps.get_models():
        if model._meta.db_table != table:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.column == match["column"]:
                return field.name, match["value"]
    return None


def _reference_gone(exc: IntegrityError) -> dict[str, list[str]]:
    named = _missing_reference_field(exc)
    if named is None:
        return {
            "non_field_errors": [
                _(
                    "A record this refers to no longer exists (it may just have been deleted); "
                    "refresh and try again."
                )
            ]
        }
    field, value = named
    gone = _GONE_MESSAGES.get(field)
    if gone is not None:
        return {field: [gone()]}
    template = serializers.PrimaryKeyRelatedField.default_error_messages["does_not_exist"]
    return {field: [str(template).format(pk_value=value)]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, IntegrityError):
        if _foreign_key_violation(exc):
            # Not a duplicate: a clerk told "conflicts" looks for one that is not there.
            return Response(_reference_gone(exc), status=status.HTTP_400_BAD_REQUEST)
        return Response(
            {"non_field_errors": [_("This record conflicts with an existing one.")]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    elif isinstance(exc, LookupBudgetExceeded):
        return Response(
            {"detail": exc.message},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
            headers={"Retry-After": str(exc.retry_after)},
        )
    elif isinstance(exc, DataError | OverflowError):
        # A number too large for the column (e.g. ?school=1e300): bad input, not a crash.
        return Response(
            {"non_field_errors": [_("A value is out of range.")]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    elif isinstance(exc, Http404 | ObjectDoesNotExist):
        # get_object_or_404's "No Job matches the given query." names the model, in English;
        # a row gone between the lookup and the read (retention) is as missing.
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    # The message is translated; clients (the web app's login redirect) match the code.
    auth_error = isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed)
    if auth_error and response is not None and isinstance(response.data, dict):
        response.data["code"] = exc.default_code  # type: ignore[attr-defined]
    return response

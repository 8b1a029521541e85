"""API errors: DRF's shapes, plus database integrity and model validation as 400s."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
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


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, IntegrityError):
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

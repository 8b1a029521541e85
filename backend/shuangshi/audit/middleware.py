from collections.abc import Callable

from auditlog.middleware import AuditlogMiddleware
from django.http import HttpRequest, HttpResponse

from .signals import current_request


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware, plus the request kept for the actor of token requests."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            return super().__call__(request)
        finally:
            current_request.reset(token)

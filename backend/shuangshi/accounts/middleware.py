"""A first login must change the initial password before anything else (DESIGN §8)."""

from collections.abc import Callable
from typing import Any, cast

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.request import Request
from rest_framework.settings import api_settings

# What an account that must change its password may still call.
ALLOWED_URL_NAMES = {
    "auth-password",
    "auth-me",
    "auth-logout",
    "auth-login",
    "auth-csrf",
    "auth-token",
}


def _api_user(request: HttpRequest) -> Any:
    """The user the API will see: the first of DRF's authentication classes, in their order,
    that names one (a token header before the session, as DRF asks them)."""
    has_header = "HTTP_AUTHORIZATION" in request.META
    classes = cast(list[type[BaseAuthentication]], api_settings.DEFAULT_AUTHENTICATION_CLASSES)
    for auth_class in classes:
        if issubclass(auth_class, SessionAuthentication):
            user = getattr(request, "user", None)  # the session's, without its CSRF check
            if user is not None and user.is_authenticated:
                return user
            continue
        if not has_header:
            continue
        try:
            found = auth_class().authenticate(Request(request))
        except exceptions.APIException:
            return None  # DRF answers the bad credentials itself
        if found is not None:
            return found[0]
    return None


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        # The whole API, the schema and its docs (/api/schema/, /api/docs/) included.
        if not request.path.startswith("/api/"):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in ALLOWED_URL_NAMES:
            return None
        user = _api_user(request)
        if user is None or not getattr(user, "must_change_password", False):
            return None
        return JsonResponse(
            {
                "code": "password_change_required",
                "detail": _("Change your initial password before going on."),
            },
            status=403,
        )

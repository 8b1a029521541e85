"""API token authentication: knox's tokens and lifetimes, checked in one query, once a request.

knox 5 read a token in three queries (the token, its user, then every token of that user to
delete the expired ones) and our PasswordChangeRequiredMiddleware asked it a second time, so
a token request cost six queries before its view ran. Here the token and its user come in one
query and the answer is kept on the request for the second asker. Nothing is kept between
requests: a revoked, expired or deactivated token is refused on its next request. Expired
tokens of the same user are deleted when the user signs in again (accounts.services), not
on every request. The idle end still moves on use, at most once per knox's
MIN_REFRESH_INTERVAL (a minute), as knox does.
"""

import binascii
from hmac import compare_digest
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox import auth as knox_auth
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS, knox_settings
from knox.signals import token_expired
from rest_framework import exceptions
from rest_framework.request import Request

_ANSWER = "_shuangshi_token_auth"


def _http_request(request: Request | HttpRequest) -> HttpRequest:
    return getattr(request, "_request", request)  # type: ignore[return-value]


class TokenAuthentication(knox_auth.TokenAuthentication):
    def authenticate(self, request: Request) -> Any:
        http = _http_request(request)
        answer = getattr(http, _ANSWER, None)
        if answer is None:
            try:
                answer = ("ok", super().authenticate(request))
            except exceptions.AuthenticationFailed as exc:
                answer = ("failed", exc)
            setattr(http, _ANSWER, answer)
        kind, value = answer
        if kind == "failed":
            raise value
        return value

    def authenticate_credentials(self, token: bytes) -> Any:
        msg = _("Invalid token.")
        text = token.decode("utf-8")
        candidates = AuthToken.objects.filter(
            token_key=text[: CONSTANTS.TOKEN_KEY_LENGTH]
        ).select_related("user")
        for auth_token in candidates:
            if auth_token.expiry is not None and auth_token.expiry < timezone.now():
                username = auth_token.user.get_username()
                auth_token.delete()
                token_expired.send(sender=self.__class__, username=username, source="auth_token")
                continue
            try:
                digest = hash_token(text)
            except (TypeError, binascii.Error):
                raise exceptions.AuthenticationFailed(msg) from None
            if compare_digest(digest, auth_token.digest):
                if knox_settings.AUTO_REFRESH and auth_token.expiry:
                    self.renew_token(auth_token)
                return self.validate_user(auth_token)
        raise exceptions.AuthenticationFailed(msg)


class TokenScheme(KnoxTokenScheme):
    """The OpenAPI security scheme stays knox's (`knoxApiToken`)."""

    target_class = "shuangshi.accounts.auth.TokenAuthentication"

"""API token authentication: knox's tokens and lifetimes, checked in one query, once a request.

knox 5 read a token in three queries (the token, its user, then every token of that user to
delete the expired ones) and our PasswordChangeRequiredMiddleware asked it a second time, so
a token request cost six queries before its view ran. Here the token and its user come in one
query and the answer is kept on the request for the second asker. Nothing is kept between
requests: a revoked, expired or deactivated token is refused on its next request. Expired
tokens of the same user are deleted when the user signs in again (accounts.services), not
on every request. The idle end still moves on use, at most once per knox's
MIN_REFRESH_INTERVAL (a minute), as knox does. The user's teacher comes in the same query: a
teacher's account is refused from its teacher's leaving date (User.teacher_has_left).
"""

import binascii
from functools import cache
from hmac import compare_digest
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
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

from shuangshi.common import prepared
from shuangshi.teachers.models import Teacher

from .models import TEACHER_LEFT_MESSAGE
from .services import token_revoke

_ANSWER = "_shuangshi_token_auth"


def _http_request(request: Request | HttpRequest) -> HttpRequest:
    return getattr(request, "_request", request)  # type: ignore[return-value]


@cache
def _tokens_sql() -> tuple[str, list[str], list[str], list[str]]:
    """Every column of a token, of its user and of the user's teacher (if any), the token's
    first (written once from the three models: the same objects as the ORM's select_related,
    without compiling it), and the three models' field names in that order."""
    qn = connection.ops.quote_name
    user_model = get_user_model()
    teacher_field = user_model._meta.get_field("teacher")
    token, user, teacher = AuthToken._meta, user_model._meta, Teacher._meta
    owner = token.get_field("user")
    columns = [f"t.{qn(f.column)}" for f in token.concrete_fields]
    columns += [f"u.{qn(f.column)}" for f in user.concrete_fields]
    columns += [f"te.{qn(f.column)}" for f in teacher.concrete_fields]
    sql = (
        f"SELECT {', '.join(columns)} FROM {qn(token.db_table)} t "
        f"JOIN {qn(user.db_table)} u ON u.{qn(user.pk.column)} = t.{qn(owner.column)} "
        f"LEFT JOIN {qn(teacher.db_table)} te "
        f"ON te.{qn(teacher.pk.column)} = u.{qn(teacher_field.column)} "
        f"WHERE t.{qn(token.get_field('token_key').column)} = %s"
    )
    names = (
        [f.attname for f in token.concrete_fields],
        [f.attname for f in user.concrete_fields],
        [f.attname for f in teacher.concrete_fields],
    )
    return sql, *names


def tokens_with_users(key: str) -> list[AuthToken]:
    """The tokens whose key is ``key``, each with its user and the user's teacher, in one
    query. It runs on every token request: on PostgreSQL its SQL is written once (compiling
    the ORM's join cost more than running it); elsewhere (SQLite, whose dates need Django's
    converters) the ORM."""
    if connection.vendor != "postgresql":
        return list(AuthToken.objects.filter(token_key=key).select_related("user", "user__teacher"))
    sql, token_names, user_names, teacher_names = _tokens_sql()
    user_model, owner = get_user_model(), AuthToken._meta.get_field("user")
    teacher_field = user_model._meta.get_field("teacher")
    split, teacher_at = len(token_names), len(token_names) + len(user_names)
    teacher_pk = teacher_at + teacher_names.index(Teacher._meta.pk.attname)
    found = []
    with prepared.cursor() as cursor:  # one statement, by key, on every request
        cursor.execute(sql, [key])
        for row in cursor.fetchall():
            token = AuthToken.from_db(connection.alias, token_names, row[:split])
            user = user_model.from_db(connection.alias, user_names, row[split:teacher_at])
            teacher = None
            if row[teacher_pk] is not None:  # no teacher: its columns all null
                teacher = Teacher.from_db(connection.alias, teacher_names, row[teacher_at:])
            teacher_field.set_cached_value(user, teacher)
            owner.set_cached_value(token, user)
            found.append(token)
    return found


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
        for auth_token in tokens_with_users(text[: CONSTANTS.TOKEN_KEY_LENGTH]):
            if auth_token.expiry is not None and auth_token.expiry < timezone.now():
                username = auth_token.user.get_username()
                token_revoke(token=auth_token)
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

    def validate_user(self, auth_token: AuthToken) -> tuple[Any, AuthToken]:
        user, token = super().validate_user(auth_token)  # an inactive user: refused
        if user.teacher_has_left():
            raise exceptions.AuthenticationFailed(TEACHER_LEFT_MESSAGE)
        return user, token


class TokenScheme(KnoxTokenScheme):
    """The OpenAPI security scheme stays knox's (`knoxApiToken`)."""

    target_class = "shuangshi.accounts.auth.TokenAuthentication"

"""API tokens checked in one query a request (accounts.auth), with knox's lifetimes kept."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from shuangshi.accounts import services


def _get(token: str, path: str = "/api/v1/teachers/") -> tuple[int, list[str]]:
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return status, [q["sql"] for q in queries.captured_queries]


def test_a_token_request_reads_the_token_and_its_user_in_one_query(hr_a):
    token = services.token_issue(user=hr_a)
    _get(token)  # the first use may move the idle end (one UPDATE a minute at most)
    status, sql = _get(token)
    assert status == 200
    token_reads = [s for s in sql if "knox_authtoken" in s]
    assert len(token_reads) == 1  # the middleware's check and DRF's share one answer
    assert "accounts_user" in token_reads[0]  # the user came with it


def test_a_revoked_token_is_refused_on_its_next_request(hr_a):
    token = services.token_issue(user=hr_a)
    assert _get(token)[0] == 200
    services.tokens_revoke(user=hr_a)
    assert _get(token)[0] == 401


def test_a_deactivated_users_token_is_refused_at_once(hr_a):
    token = services.token_issue(user=hr_a)
    assert _get(token)[0] == 200
    hr_a.is_active = False
    hr_a.save(update_fields=["is_active"])
    assert _get(token)[0] == 401


def test_an_expired_token_is_refused_and_deleted(hr_a):
    token = services.token_issue(user=hr_a)
    AuthToken.objects.filter(user=hr_a).update(expiry=timezone.now() - timedelta(seconds=1))
    assert _get(token)[0] == 401
    assert not AuthToken.objects.filter(user=hr_a).exists()


def test_a_bad_token_is_refused(hr_a):
    services.token_issue(user=hr_a)
    assert _get("0" * 64)[0] == 401
    assert _get("not-a-token")[0] == 401


def test_the_idle_end_moves_at_most_once_a_minute(hr_a):
    token = services.token_issue(user=hr_a)
    row = AuthToken.objects.get(user=hr_a)
    AuthToken.objects.filter(pk=row.pk).update(expiry=row.expiry - timedelta(minutes=5))
    _status, sql = _get(token)
    assert any(s.startswith("UPDATE") and "knox_authtoken" in s for s in sql)
    _status, sql = _get(token)
    assert not any(s.startswith("UPDATE") and "knox_authtoken" in s for s in sql)


def test_signing_in_again_deletes_the_users_expired_tokens(hr_a, hr_b):
    old = services.token_issue(user=hr_a)
    other = services.token_issue(user=hr_b)
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    fresh = services.token_issue(user=hr_a)
    assert AuthToken.objects.filter(user=hr_a).count() == 1
    assert AuthToken.objects.filter(user=hr_b).count() == 1  # not this user's to clean up
    assert _get(fresh)[0] == 200
    assert _get(old)[0] == 401
    assert _get(other)[0] == 401


def test_the_token_read_gives_the_objects_the_orm_would(hr_a, django_assert_num_queries):
    """accounts.auth reads a token and its user in SQL written once (PostgreSQL): every
    field as the ORM's select_related reads it, the user with no second query."""
    from knox.settings import CONSTANTS

    from shuangshi.accounts.auth import tokens_with_users

    hr_a.last_login = timezone.now()
    hr_a.save()
    services.token_issue(user=hr_a)
    key = AuthToken.objects.filter(user=hr_a).values_list("token_key", flat=True).get()
    assert len(key) == CONSTANTS.TOKEN_KEY_LENGTH
    with django_assert_num_queries(1):
        (token,) = tokens_with_users(key)
        user = token.user
    (orm,) = AuthToken.objects.filter(token_key=key).select_related("user")
    for obj, expected in ((token, orm), (user, orm.user)):
        for field in type(expected)._meta.concrete_fields:
            got, want = getattr(obj, field.attname), getattr(expected, field.attname)
            assert (got, type(got)) == (want, type(want)), field.name
    assert not token._state.adding and token._state.db == orm._state.db
    assert tokens_with_users("0" * CONSTANTS.TOKEN_KEY_LENGTH) == []

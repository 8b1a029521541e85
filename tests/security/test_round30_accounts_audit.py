"""Round 30: audit of authentication and accounts (DESIGN §5, §8 "Teacher accounts").

1. The first-login gate covered `/api/v1/` only: an account that must change its initial
   password still read `/api/schema/` and `/api/docs/` (signed-in users only in production,
   `API_DOCS_PUBLIC=False`). Every other call now answers 403 `password_change_required`.
2. School HR (or anyone) could re-point an existing teacher account to another teacher
   (`PATCH users/{id}/ {teacher}`): the first teacher's login then read the second teacher's
   unmasked ID number. An account stays with its teacher.
3. An account could be opened (one by one or in bulk) for a teacher who has left.
4. `PATCH users/{id}/ {is_active: false}` kept the account's API tokens: reactivated, the
   old token worked again (docs/security.md: a reactivated account signs in afresh).
5. The province could deactivate or demote the last active province account (its own),
   locking the province out of account management.
6. A username longer than any account's on `auth/token/` or `auth/login/` was a 400
   "a value is out of range" naming no field (the lock-out record could not store it).
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient
from shuangshi import testing
from shuangshi.accounts import services
from shuangshi.accounts.models import Role, User

pytestmark = pytest.mark.django_db

USERS = "/api/v1/users/"
INITIAL = "Initial-pass-42"


def _teacher_account(teacher, username: str = "wangfang") -> User:
    return services.user_create(
        username=username, password=INITIAL, role=Role.TEACHER, teacher=teacher
    )


def _token_client(username: str, password: str) -> APIClient:
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": username, "password": password})
    assert response.status_code == 200, response.json()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def _session_client(username: str, password: str) -> APIClient:
    client = APIClient()
    response = client.post("/api/v1/auth/login/", {"username": username, "password": password})
    assert response.status_code == 200, response.json()
    return client


# ------------------------------------------------------------ 1. the gate and the schema


@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/"])
@pytest.mark.parametrize("how", ["token", "session"])
def test_the_schema_and_docs_wait_for_the_password_change(settings, teacher_a, url, how):
    settings.API_DOCS_PUBLIC = False
    _teacher_account(teacher_a)
    client = (_token_client if how == "token" else _session_client)("wangfang", INITIAL)
    response = client.get(url)
    assert response.status_code == 403
    assert response.json()["code"] == "password_change_required"


def test_the_schema_opens_once_the_password_is_changed(settings, teacher_a):
    settings.API_DOCS_PUBLIC = False
    _teacher_account(teacher_a)
    client = _session_client("wangfang", INITIAL)
    changed = client.post(
        "/api/v1/auth/password/", {"old_password": INITIAL, "new_password": "Brand-new-pass-7"}
    )
    assert changed.status_code == 200, changed.json()
    assert client.get("/api/schema/").status_code == 200


def test_the_public_certificate_check_stays_public(db):
    # Anonymous callers are never gated: the public check answers for itself (not 403).
    response = APIClient().get("/api/v1/public/verify/NOPE-0000/")
    assert response.status_code != 403


# ------------------------------------------------------------ 2. re-pointing an account


@pytest.mark.parametrize("who", ["hr_a", "province"])
def test_an_account_cannot_be_repointed_to_another_teacher(request, api, who, school_a, teacher_a):
    other = testing.make_teacher(school_a, name="张三")
    account = _teacher_account(teacher_a)
    response = api(request.getfixturevalue(who)).patch(
        f"{USERS}{account.pk}/", {"teacher": other.pk}
    )
    assert response.status_code == 400
    assert "teacher" in response.json()
    account.refresh_from_db()
    assert account.teacher_id == teacher_a.pk


def test_an_account_keeps_its_teacher_when_patched_with_the_same_one(api, hr_a, teacher_a):
    account = _teacher_account(teacher_a)
    response = api(hr_a).patch(
        f"{USERS}{account.pk}/", {"teacher": teacher_a.pk, "first_name": "芳"}
    )
    assert response.status_code == 200, response.json()
    account.refresh_from_db()
    assert account.first_name == "芳" and account.teacher_id == teacher_a.pk


# ------------------------------------------------------------ 3. a teacher who has left


@pytest.fixture
def gone(school_a):
    return testing.make_teacher(
        school_a, name="离职", left_on=timezone.localdate() - timedelta(days=30)
    )


def test_no_account_for_a_teacher_who_has_left(api, hr_a, gone):
    response = api(hr_a).post(
        USERS, {"username": "gone", "password": INITIAL, "role": "teacher", "teacher": gone.pk}
    )
    assert response.status_code == 400
    assert "teacher" in response.json()
    assert not User.objects.filter(teacher=gone).exists()


def test_no_bulk_account_for_a_teacher_who_has_left(api, hr_a, gone, teacher_a):
    # Round 33: the others still get theirs; the one who has left is a refused row.
    response = api(hr_a).post(f"{USERS}teacher-accounts/", {"teachers": [teacher_a.pk, gone.pk]})
    assert response.status_code == 201, response.json()
    assert [r["status"] for r in response.json()] == ["created", "refused"]
    assert not User.objects.filter(teacher=gone).exists()
    alone = api(hr_a).post(f"{USERS}teacher-accounts/", {"teachers": [gone.pk]})
    assert alone.status_code == 400
    assert "teachers" in alone.json()
    assert not User.objects.filter(teacher=gone).exists()


def test_a_teacher_leaving_later_still_gets_an_account(api, hr_a, school_a):
    leaving = testing.make_teacher(
        school_a, name="将离职", left_on=timezone.localdate() + timedelta(days=30)
    )
    response = api(hr_a).post(
        USERS, {"username": "soon", "password": INITIAL, "role": "teacher", "teacher": leaving.pk}
    )
    assert response.status_code == 201, response.json()


def test_a_left_teachers_account_is_not_reactivated(api, hr_a, school_a):
    teacher = testing.make_teacher(school_a, name="离职")
    account = _teacher_account(teacher)
    services.user_deactivate(user=account)
    teacher.left_on = date(2020, 1, 1)
    teacher.save(update_fields=["left_on"])
    response = api(hr_a).patch(f"{USERS}{account.pk}/", {"is_active": True})
    assert response.status_code == 400
    assert "teacher" in response.json()
    account.refresh_from_db()
    assert not account.is_active


# ------------------------------------------------------------ 4. deactivation by PATCH


def test_deactivating_by_patch_ends_the_tokens(api, hr_a, teacher_a):
    account = _teacher_account(teacher_a)
    services.user_password_change(
        user=account, old_password=INITIAL, new_password="Another-pass-99"
    )
    client = _token_client("wangfang", "Another-pass-99")
    assert client.get("/api/v1/auth/me/").status_code == 200
    assert api(hr_a).patch(f"{USERS}{account.pk}/", {"is_active": False}).status_code == 200
    assert not AuthToken.objects.filter(user=account).exists()
    assert api(hr_a).patch(f"{USERS}{account.pk}/", {"is_active": True}).status_code == 200
    # Reactivated, the account signs in afresh: the old token stays dead.
    assert client.get("/api/v1/auth/me/").status_code == 401


# ------------------------------------------------------------ 5. the last province account


def test_the_last_province_account_cannot_be_deactivated(api, province):
    response = api(province).delete(f"{USERS}{province.pk}/")
    assert response.status_code == 400
    province.refresh_from_db()
    assert province.is_active


def test_the_last_province_account_cannot_be_demoted_or_deactivated_by_patch(
    api, province, school_a
):
    demote = api(province).patch(
        f"{USERS}{province.pk}/", {"role": "school_hr", "school": school_a.pk}
    )
    assert demote.status_code == 400 and "role" in demote.json()
    off = api(province).patch(f"{USERS}{province.pk}/", {"is_active": False})
    assert off.status_code == 400 and "is_active" in off.json()
    province.refresh_from_db()
    assert province.is_active and province.role == Role.PROVINCE


def test_a_province_account_goes_while_another_remains(api, province):
    other = testing.make_user("province2", Role.PROVINCE)
    assert api(province).delete(f"{USERS}{other.pk}/").status_code == 204
    other.refresh_from_db()
    assert not other.is_active


# ------------------------------------------------------------ 6. an overlong username


@pytest.mark.parametrize("url", ["/api/v1/auth/token/", "/api/v1/auth/login/"])
def test_an_overlong_username_is_a_400_naming_it(db, url):
    response = APIClient().post(url, {"username": "x" * 300, "password": "whatever"})
    assert response.status_code == 400
    assert "username" in response.json()

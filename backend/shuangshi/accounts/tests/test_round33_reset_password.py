"""Round 33: resetting a password, who must change it, one username whatever its case.

1. School HR had no way to reset a teacher's forgotten password but to type one in the
   province's account form (which it cannot reach): `POST users/{id}/reset-password/` makes
   a one-time password, answers it once, ends the account's tokens and sessions and makes
   the owner choose their own at the next sign-in. The province resets any account, HR its
   own school's teacher accounts (others 404), other roles 403. One audit entry.
2. A password the province set for an HR, city, base or province account was not forced to
   change at first sign-in (only teacher and expert accounts were): now every password
   someone else sets is, and one the province sets for itself is not.
3. "Province" and "province" could both exist: usernames are unique whatever their case
   (a 400 naming `username`, and a database constraint). Sign-in stays exact: django-axes
   counts failures per username as typed, so a case-blind sign-in would give an attacker a
   fresh lock-out budget for every capitalisation.
4. Two bulk account requests at the same moment could pick the same generated username: the
   second insert failed (a 500). A taken name is now retried with the next suffix.
"""

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction
from knox.models import AuthToken
from rest_framework.test import APIClient

from shuangshi import testing
from shuangshi.accounts import services
from shuangshi.accounts.models import Role, User

pytestmark = pytest.mark.django_db

USERS = "/api/v1/users/"
BULK = f"{USERS}teacher-accounts/"
TOKEN = "/api/v1/auth/token/"
INITIAL = "Initial-pass-42"


def reset_url(user: User) -> str:
    return f"{USERS}{user.pk}/reset-password/"


def sign_in(username: str, password: str) -> APIClient:
    client = APIClient()
    response = client.post(TOKEN, {"username": username, "password": password})
    assert response.status_code == 200, response.json()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


@pytest.fixture
def account_a(teacher_a) -> User:
    """School A's teacher's account, its first password already changed."""
    user = services.user_create(
        username="wangfang", password=INITIAL, role=Role.TEACHER, teacher=teacher_a
    )
    services.user_must_change_password_clear(user=user)
    user.refresh_from_db()
    return user


# ------------------------------------------------------------ 1. reset-password


def test_hr_resets_its_teachers_password_which_signs_in_once_and_must_be_changed(
    api, hr_a, account_a
):
    old = sign_in("wangfang", INITIAL)
    assert old.get("/api/v1/teachers/").status_code == 200
    response = api(hr_a).post(reset_url(account_a))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["username"] == "wangfang"
    one_time = body["password"]
    assert one_time and one_time != INITIAL
    # The old token and the old password are gone.
    assert old.get("/api/v1/teachers/").status_code == 401
    assert not AuthToken.objects.filter(user=account_a).exists()
    assert APIClient().post(TOKEN, {"username": "wangfang", "password": INITIAL}).status_code == 400
    # The new one signs in, and must be changed before anything else.
    fresh = sign_in("wangfang", one_time)
    gated = fresh.get("/api/v1/teachers/")
    assert gated.status_code == 403 and gated.json()["code"] == "password_change_required"
    assert fresh.get("/api/v1/auth/me/").json()["must_change_password"] is True
    # It is answered once: the account's read never carries it.
    read = api(hr_a).get(f"{USERS}{account_a.pk}/").json()
    assert "password" not in read and read["must_change_password"] is True


def test_a_reset_ends_the_accounts_browser_session(api, hr_a, account_a):
    browser = APIClient()
    browser.force_login(account_a)
    assert browser.get("/api/v1/auth/me/").status_code == 200
    assert api(hr_a).post(reset_url(account_a)).status_code == 200
    assert browser.get("/api/v1/auth/me/").status_code == 401


def test_a_reset_writes_one_audit_entry_naming_who_reset(api, hr_a, account_a):
    before = LogEntry.objects.get_for_object(account_a).count()
    assert api(hr_a).post(reset_url(account_a)).status_code == 200
    entries = LogEntry.objects.get_for_object(account_a).order_by("-pk")
    assert entries.count() == before + 1
    entry = entries.first()
    assert entry.actor == hr_a
    assert entry.additional_data == {"event": "password_reset"}
    assert entry.action == LogEntry.Action.UPDATE
    # The password itself is in no entry.
    assert not any("Ss-" in str(e.changes) for e in entries)


def test_another_schools_hr_gets_404_and_other_roles_403(api, hr_b, city_nc, base_staff, account_a):
    assert api(hr_b).post(reset_url(account_a)).status_code == 404
    assert api(city_nc).post(reset_url(account_a)).status_code == 403
    assert api(base_staff).post(reset_url(account_a)).status_code == 403
    assert api(account_a).post(reset_url(account_a)).status_code == 403
    assert api().post(reset_url(account_a)).status_code == 401
    account_a.refresh_from_db()
    assert account_a.check_password(INITIAL) and not account_a.must_change_password


def test_hr_cannot_reset_an_hr_or_province_account(api, hr_a, hr_b, province):
    assert api(hr_a).post(reset_url(hr_b)).status_code == 404
    assert api(hr_a).post(reset_url(province)).status_code == 404
    hr_b.refresh_from_db()
    assert hr_b.check_password("pw-for-tests-1")


@pytest.mark.parametrize("role", ["school_hr", "city", "base_staff", "expert", "teacher"])
def test_the_province_resets_any_account(api, province, hr_a, city_nc, base_staff, account_a, role):
    expert = testing.make_user("expert_x", Role.EXPERT)
    target = {
        "school_hr": hr_a,
        "city": city_nc,
        "base_staff": base_staff,
        "expert": expert,
        "teacher": account_a,
    }[role]
    services.token_issue(user=target)
    response = api(province).post(reset_url(target))
    assert response.status_code == 200, response.json()
    target.refresh_from_db()
    assert target.check_password(response.json()["password"])
    assert target.must_change_password
    assert not AuthToken.objects.filter(user=target).exists()


def test_a_deactivated_account_is_not_reset(api, hr_a, account_a):
    services.user_deactivate(user=account_a)
    response = api(hr_a).post(reset_url(account_a))
    assert response.status_code == 400
    assert "停用" in " ".join(response.json()["is_active"])
    en = api(hr_a).post(reset_url(account_a), HTTP_ACCEPT_LANGUAGE="en")
    assert "deactivated" in " ".join(en.json()["is_active"])


def test_the_province_does_not_reset_its_own_password_here(api, province):
    response = api(province).post(reset_url(province))
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    province.refresh_from_db()
    assert province.check_password("pw-for-tests-1")


# ------------------------------------------------------------ 2. set by someone else


@pytest.mark.parametrize(
    "role,scope",
    [
        ("school_hr", "school"),
        ("city", "city"),
        ("base_staff", "training_base"),
        ("expert", None),
        ("province", None),
    ],
)
def test_a_password_the_province_sets_must_be_changed_at_first_sign_in(
    api, province, school_a, base_a, role, scope
):
    values = {
        "school": school_a.pk,
        "city": testing.city("360100").pk,
        "training_base": base_a.pk,
    }
    data = {"username": "new_one", "password": INITIAL, "role": role}
    if scope:
        data[scope] = values[scope]
    response = api(province).post(USERS, data, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["must_change_password"] is True
    gated = sign_in("new_one", INITIAL).get("/api/v1/auth/me/")
    assert gated.json()["must_change_password"] is True
    blocked = sign_in("new_one", INITIAL).get("/api/v1/schools/")
    assert blocked.status_code == 403 and blocked.json()["code"] == "password_change_required"


def test_a_password_the_province_sets_again_for_hr_must_be_changed(api, province, hr_a):
    assert not hr_a.must_change_password
    response = api(province).patch(f"{USERS}{hr_a.pk}/", {"password": "Reset-pass-99"})
    assert response.status_code == 200, response.json()
    hr_a.refresh_from_db()
    assert hr_a.must_change_password


def test_the_province_cannot_replace_its_own_password_without_the_current_one(api, province):
    """Its own password changes on auth/password/ (current password, wrong guesses counted)."""
    response = api(province).patch(f"{USERS}{province.pk}/", {"password": "Own-choice-77"})
    assert response.status_code == 400
    assert list(response.json()) == ["password"]
    province.refresh_from_db()
    assert not province.check_password("Own-choice-77") and not province.must_change_password


def test_the_province_still_edits_its_own_name(api, province):
    response = api(province).patch(f"{USERS}{province.pk}/", {"first_name": "省厅人事处"})
    assert response.status_code == 200, response.json()
    province.refresh_from_db()
    assert province.first_name == "省厅人事处"


def test_the_bulk_accounts_must_change_their_passwords(api, hr_a, teacher_a):
    response = api(hr_a).post(BULK, {"teachers": [teacher_a.pk]}, format="json")
    assert response.status_code == 201, response.json()
    assert User.objects.get(teacher=teacher_a).must_change_password


# ------------------------------------------------------------ 3. one username, any case


def test_a_username_differing_only_in_case_is_a_400_naming_username(api, province, school_a):
    data = {"username": "Province", "password": INITIAL, "role": "province"}
    response = api(province).post(USERS, data, format="json")
    assert response.status_code == 400
    assert "已存在" in " ".join(response.json()["username"])
    en = api(province).post(USERS, data, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert "username" in en.json() and "exists" in " ".join(en.json()["username"])
    assert User.objects.filter(username__iexact="province").count() == 1


def test_renaming_to_another_accounts_name_in_capitals_is_a_400(api, province, hr_a, hr_b):
    response = api(province).patch(f"{USERS}{hr_b.pk}/", {"username": "HR_A"}, format="json")
    assert response.status_code == 400
    assert "username" in response.json()
    hr_b.refresh_from_db()
    assert hr_b.username == "hr_b"
    # Its own name in other capitals is its own.
    own = api(province).patch(f"{USERS}{hr_b.pk}/", {"username": "HR_B"}, format="json")
    assert own.status_code == 200, own.json()


def test_hr_cannot_create_a_teacher_account_under_a_taken_name_in_capitals(api, hr_a, teacher_a):
    response = api(hr_a).post(
        USERS,
        {"username": "HR_A", "password": INITIAL, "role": "teacher", "teacher": teacher_a.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "username" in response.json()


def test_the_database_refuses_a_username_differing_only_in_case(province):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="PROVINCE", role=Role.PROVINCE)


def test_two_requests_at_once_for_the_same_name_in_capitals_are_a_400(api, province, monkeypatch):
    # The second request's check ran before the first one's insert: the database refuses it.
    monkeypatch.setattr(services, "_username_taken", lambda username, exclude=None: False)
    response = api(province).post(
        USERS, {"username": "PROVINCE", "password": INITIAL, "role": "province"}, format="json"
    )
    assert response.status_code == 400
    assert "username" in response.json()


def test_sign_in_stays_exact_about_case(province):
    assert (
        APIClient().post(TOKEN, {"username": "province", "password": "pw-for-tests-1"}).status_code
        == 200
    )
    wrong_case = APIClient().post(TOKEN, {"username": "Province", "password": "pw-for-tests-1"})
    assert wrong_case.status_code == 400


# ------------------------------------------------------------ 4. generated names collide


def test_a_generated_username_taken_at_the_same_moment_is_retried_with_another_suffix(
    api, hr_a, teacher_a, monkeypatch
):
    base = f"t{teacher_a.school_id}-{teacher_a.staff_no or teacher_a.pk}".lower()
    # Another request took the name between this one's check and its insert.
    testing.make_user(base.upper(), Role.EXPERT)
    monkeypatch.setattr(services, "_username_taken", lambda username, exclude=None: False)
    response = api(hr_a).post(BULK, {"teachers": [teacher_a.pk]}, format="json")
    assert response.status_code == 201, response.content
    row = response.json()[0]
    assert row["status"] == "created"
    assert row["username"] == f"{base}-2"
    assert User.objects.get(teacher=teacher_a).username == f"{base}-2"


def test_a_generated_username_avoids_a_taken_name_in_other_capitals(api, hr_a, teacher_a):
    base = f"t{teacher_a.school_id}-{teacher_a.staff_no or teacher_a.pk}".lower()
    testing.make_user(base.upper(), Role.EXPERT)
    response = api(hr_a).post(BULK, {"teachers": [teacher_a.pk]}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()[0]["username"] == f"{base}-2"

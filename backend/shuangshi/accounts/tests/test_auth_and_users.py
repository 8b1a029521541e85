import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from shuangshi.accounts.models import Role, User

USERS = "/api/v1/users/"


def test_a_token_authenticates_api_clients(province):
    client = APIClient()
    bad = client.post("/api/v1/auth/token/", {"username": "province", "password": "nope"})
    assert bad.status_code == 400
    response = client.post(
        "/api/v1/auth/token/", {"username": "province", "password": "pw-for-tests-1"}
    )
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get("/api/v1/auth/me/").json()
    assert me["username"] == "province"
    assert me["role"] == "province"


def test_me_says_the_scope(api, hr_a, school_a):
    me = api(hr_a).get("/api/v1/auth/me/").json()
    assert (me["role"], me["school"], me["school_name"]) == (
        "school_hr",
        school_a.pk,
        school_a.name,
    )
    assert me["training_base"] is None and me["city"] is None


def test_anonymous_me_is_refused(api):
    assert api().get("/api/v1/auth/me/").status_code == 401


def test_browser_session_login_needs_csrf_and_logout_ends_it(hr_a):
    client = APIClient(enforce_csrf_checks=True)
    client.get("/api/v1/auth/csrf/")
    token = client.cookies["csrftoken"].value
    no_csrf = client.post("/api/v1/auth/login/", {"username": "hr_a", "password": "pw-for-tests-1"})
    assert no_csrf.status_code == 403
    response = client.post(
        "/api/v1/auth/login/",
        {"username": "hr_a", "password": "pw-for-tests-1"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    assert response.json()["username"] == "hr_a"
    assert client.get("/api/v1/auth/me/").status_code == 200
    token = client.cookies["csrftoken"].value
    assert client.post("/api/v1/auth/logout/", HTTP_X_CSRFTOKEN=token).status_code == 204
    assert client.get("/api/v1/auth/me/").status_code == 401


def test_wrong_password_is_a_clear_400(db, hr_a):
    response = APIClient().post("/api/v1/auth/login/", {"username": "hr_a", "password": "x"})
    assert response.status_code == 400
    assert response.json()["non_field_errors"]


def test_province_manages_accounts(api, province, school_a):
    client = api(province)
    response = client.post(
        USERS,
        {
            "username": "hr_new",
            "role": "school_hr",
            "school": school_a.pk,
            "password": "a-long-Passw0rd!",
        },
    )
    assert response.status_code == 201, response.json()
    assert "password" not in response.json()
    user_id = response.json()["id"]
    assert User.objects.get(pk=user_id).check_password("a-long-Passw0rd!")
    assert client.delete(f"{USERS}{user_id}/").status_code == 204
    assert User.objects.get(pk=user_id).is_active is False


def test_a_role_needs_its_scope_and_no_other(api, province, school_a):
    client = api(province)
    missing = client.post(USERS, {"username": "x", "role": "school_hr", "password": "Zz-123456789"})
    assert missing.status_code == 400
    assert "school" in missing.json()
    extra = client.post(
        USERS,
        {"username": "y", "role": "province", "school": school_a.pk, "password": "Zz-1234567"},
    )
    assert extra.status_code == 400
    assert "school" in extra.json()
    weak = client.post(USERS, {"username": "z", "role": "province", "password": "123"})
    assert "password" in weak.json()


# School HR manages its own teachers' accounts only (test_teacher_accounts.py).
@pytest.mark.parametrize("fixture", ["city_nc", "base_staff"])
def test_only_the_province_manages_accounts(api, request, fixture):
    user = request.getfixturevalue(fixture)
    assert api(user).get(USERS).status_code == 403
    assert api(user).post(USERS, {"username": "q", "role": "province"}).status_code == 403


def test_create_user_command_sets_role_and_scope(db, school_a):
    call_command(
        "create_user", "hr_cmd", role="school_hr", school=school_a.code, password="pw-x-123"
    )
    user = User.objects.get(username="hr_cmd")
    assert (user.role, user.school) == (Role.SCHOOL_HR, school_a)
    assert user.check_password("pw-x-123")
    with pytest.raises(CommandError, match="school"):
        call_command("create_user", "hr_bad", role="school_hr")
    with pytest.raises(CommandError):
        call_command("create_user", "hr_bad2", role="school_hr", school="NOPE")


def test_an_unauthenticated_request_says_so_with_a_code(db):
    response = APIClient().get("/api/v1/teachers/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    bad_token = APIClient().get("/api/v1/teachers/", HTTP_AUTHORIZATION="Token nope")
    assert bad_token.status_code == 401
    assert bad_token.json()["code"] == "authentication_failed"

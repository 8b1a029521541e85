"""No or bad credentials answer 401 with `WWW-Authenticate: Token` (DESIGN §5, as DRF does);
an authenticated user refused answers 403 (a missing role, the first-login password change,
a session write without its CSRF token). A token client can tell "sign in again" (401) from
"not allowed" (403); the browser never sees `Basic` (no login dialog)."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient
from shuangshi import testing
from shuangshi.accounts import services
from shuangshi.testing import Role

PASSWORD = "pw-for-tests-1"
TEACHERS = "/api/v1/teachers/"
ME = "/api/v1/auth/me/"
USERS = "/api/v1/users/"


def _signed_out(response: Any, code: str) -> None:
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == code


def _session(username: str) -> tuple[APIClient, str]:
    """A browser session signed in by the login endpoint, with its (rotated) CSRF token."""
    client = APIClient(enforce_csrf_checks=True)
    client.get("/api/v1/auth/csrf/")
    csrf = client.cookies["csrftoken"].value
    login = client.post(
        "/api/v1/auth/login/",
        {"username": username, "password": PASSWORD},
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert login.status_code == 200, login.content
    return client, client.cookies["csrftoken"].value


def _token(token: str) -> APIClient:
    return APIClient(HTTP_AUTHORIZATION=f"Token {token}")


@pytest.mark.django_db
@pytest.mark.parametrize("path", [TEACHERS, ME, USERS, "/api/v1/", "/api/v1/notifications/"])
def test_no_credentials_answer_401_with_a_token_challenge(path):
    response = APIClient().get(path)
    _signed_out(response, "not_authenticated")
    assert "Basic" not in response["WWW-Authenticate"]  # no browser login dialog


@pytest.mark.django_db
def test_an_anonymous_write_answers_401_too():
    _signed_out(APIClient().post(TEACHERS, {}), "not_authenticated")


@pytest.mark.parametrize(
    "header", ["Token bogus", "Token " + "0" * 64, "Token", "Token two words", "token bogus"]
)
def test_a_bad_token_answers_401(hr_a, header):
    services.token_issue(user=hr_a)
    response = APIClient(HTTP_AUTHORIZATION=header).get(ME)
    _signed_out(response, "authentication_failed")


def test_a_token_ended_by_a_password_change_answers_401_not_403(hr_a):
    token = services.token_issue(user=hr_a)
    assert _token(token).get(TEACHERS).status_code == 200
    services.tokens_revoke(user=hr_a)  # what a password change does to every token
    _signed_out(_token(token).get(TEACHERS), "authentication_failed")


def test_a_deactivated_users_token_answers_401(hr_a):
    token = services.token_issue(user=hr_a)
    hr_a.is_active = False
    hr_a.save(update_fields=["is_active"])
    _signed_out(_token(token).get(ME), "authentication_failed")


def test_an_ended_session_answers_401(hr_a):
    client, csrf = _session("hr_a")
    assert client.get(ME).status_code == 200
    assert client.post("/api/v1/auth/logout/", HTTP_X_CSRFTOKEN=csrf).status_code == 204
    _signed_out(client.get(ME), "not_authenticated")
    _signed_out(client.get(TEACHERS), "not_authenticated")


def test_a_signed_in_user_without_the_role_answers_403_without_a_challenge(city_nc, hr_a):
    # The province manages accounts; a city user (session) and school HR (token) may not
    # create one: 403 "not allowed", not "sign in again".
    session, csrf = _session("city_nc")
    refused = session.post(USERS, {}, HTTP_X_CSRFTOKEN=csrf)
    assert refused.status_code == 403
    assert "WWW-Authenticate" not in refused
    assert refused.json().get("code") is None
    token = _token(services.token_issue(user=city_nc))
    refused = token.post(USERS, {})
    assert refused.status_code == 403 and "WWW-Authenticate" not in refused
    # the same users are signed in: their own reads answer 200
    assert session.get(ME).status_code == 200 and token.get(ME).status_code == 200


def test_the_first_login_password_change_stays_403(db, teacher_a):
    testing.make_user("t_wang", Role.TEACHER, teacher=teacher_a)  # must change it first
    for client in (_token(services.token_issue(user=_user("t_wang"))), _session("t_wang")[0]):
        blocked = client.get(f"{TEACHERS}{teacher_a.pk}/")
        assert blocked.status_code == 403
        assert blocked.json()["code"] == "password_change_required"
        assert "WWW-Authenticate" not in blocked
        assert client.get(ME).json()["must_change_password"] is True


def test_the_password_gate_judges_the_user_drf_serves(db, hr_a, teacher_a):
    # A token header comes before the session (the order of DRF's classes): a session of
    # an account that may go on does not let a must-change token through, and vice versa.
    testing.make_user("t_wang", Role.TEACHER, teacher=teacher_a)
    must_change = services.token_issue(user=_user("t_wang"))
    hr_session, _csrf = _session("hr_a")
    hr_session.credentials(HTTP_AUTHORIZATION=f"Token {must_change}")
    blocked = hr_session.get(f"{TEACHERS}{teacher_a.pk}/")
    assert blocked.status_code == 403
    assert blocked.json()["code"] == "password_change_required"

    teacher_session, _csrf = _session("t_wang")
    teacher_session.credentials(HTTP_AUTHORIZATION=f"Token {services.token_issue(user=hr_a)}")
    assert teacher_session.get(f"{TEACHERS}{teacher_a.pk}/").status_code == 200


def test_a_session_write_without_csrf_stays_403(hr_a, teacher_a):
    client, csrf = _session("hr_a")
    url = f"{TEACHERS}{teacher_a.pk}/"
    refused = client.patch(url, {"major": "数控技术", "version": 1})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert "WWW-Authenticate" not in refused
    accepted = client.patch(url, {"major": "数控技术", "version": 1}, HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 200


@pytest.mark.django_db
def test_the_public_endpoints_need_no_credentials(hr_a):
    anonymous = APIClient()
    # an unknown certificate: "no such certificate", not "sign in"
    assert anonymous.get("/api/v1/public/verify/NO-SUCH-CERT/").status_code == 404
    assert anonymous.get("/api/v1/auth/csrf/").status_code == 204
    login = anonymous.post("/api/v1/auth/login/", {"username": "hr_a", "password": "x"})
    assert login.status_code == 400
    token = anonymous.post("/api/v1/auth/token/", {"username": "hr_a", "password": PASSWORD})
    assert token.status_code == 200 and token.json()["token"]
    # a stale token header does not lock anyone out of signing in or checking a certificate
    stale = APIClient(HTTP_AUTHORIZATION="Token bogus")
    assert stale.get("/api/v1/public/verify/NO-SUCH-CERT/").status_code == 404
    fresh = stale.post("/api/v1/auth/token/", {"username": "hr_a", "password": PASSWORD})
    assert fresh.status_code == 200


def _user(username: str) -> Any:
    return get_user_model().objects.get(username=username)

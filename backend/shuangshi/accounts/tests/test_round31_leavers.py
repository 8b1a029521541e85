"""Round 31: a teacher who has left keeps no working login.

A teacher-role account whose teacher's leaving date (``left_on``) is today or before cannot
sign in (token or session: a 400 saying so), and its tokens and sessions stop working from
that day, checked when a request authenticates (a leaving date in the future takes effect on
its day, without a nightly run). Recording a leaving date of today or before through the
teacher service ends the account's tokens; clearing it (re-admission) lets them sign in
again. Other roles are not concerned.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken
from rest_framework.test import APIClient

from shuangshi import testing
from shuangshi.accounts import services
from shuangshi.accounts.models import Role, User
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)
PASSWORD = "Own-pass-for-31"
ME = "/api/v1/auth/me/"


@pytest.fixture
def today(monkeypatch):
    testing.set_today(monkeypatch, TODAY)
    return TODAY


def _account(teacher, username: str = "wangfang") -> User:
    """A teacher's account whose owner has already chosen their own password."""
    user = services.user_create(
        username=username, password="Initial-pass-42", role=Role.TEACHER, teacher=teacher
    )
    return services.user_password_change(
        user=user, old_password="Initial-pass-42", new_password=PASSWORD
    )


def _token(username: str = "wangfang", password: str = PASSWORD, **headers):
    return APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, **headers
    )


def _login(client: APIClient, username: str = "wangfang", **headers):
    return client.post(
        "/api/v1/auth/login/", {"username": username, "password": PASSWORD}, **headers
    )


def _token_client(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _leave(teacher, on: date | None) -> None:
    """HR records (or clears) the leaving date through the teacher service."""
    teacher_services.teacher_update(teacher=teacher, data={"left_on": on})


def _messages(response) -> str:
    return str(response.json())


# ------------------------------------------------------------ signing in


def test_a_teacher_who_has_left_gets_no_token(today, school_a):
    teacher = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    _account(teacher)
    _leave(teacher, today - timedelta(days=1))
    response = _token(HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "has left" in _messages(response)
    assert not AuthToken.objects.exists()


def test_the_refusal_is_translated(today, school_a):
    teacher = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    _account(teacher)
    _leave(teacher, today)
    response = _token(HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "已离职" in _messages(response)


def test_a_wrong_password_says_nothing_about_leaving(today, school_a):
    teacher = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    _account(teacher)
    _leave(teacher, today - timedelta(days=1))
    response = _token(password="Wrong-pass-00", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "has left" not in _messages(response)


def test_a_teacher_leaving_today_cannot_sign_in_to_a_session(today, school_a):
    teacher = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    _account(teacher)
    _leave(teacher, today)
    client = APIClient()
    response = _login(client, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "has left" in _messages(response)
    assert client.get(ME).status_code == 401


# ------------------------------------------------------------ tokens and sessions held


def test_a_future_leaving_date_takes_effect_on_its_day(monkeypatch, today, school_a):
    teacher = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    _account(teacher)
    _leave(teacher, today + timedelta(days=10))
    response = _token()
    assert response.status_code == 200, response.json()  # leaving later: still here
    client = _token_client(response.json()["token"])
    session = APIClient()
    assert _login(session).status_code == 200
    assert client.get(ME).status_code == 200
    assert session.get(ME).status_code == 200
    assert AuthToken.objects.filter(user__teacher=teacher).exists()  # a future date ends none

    testing.set_today(monkeypatch, today + timedelta(days=9))  # the day before
    assert client.get(ME).status_code == 200
    assert session.get(ME).status_code == 200

    testing.set_today(monkeypatch, today + timedelta(days=10))  # the leaving date
    refused = client.get(ME, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 401  # DRF: 403, as for any refused token here
    assert refused.json()["code"] == "authentication_failed"  # the web app goes to sign-in
    assert "has left" in refused.json()["detail"]
    assert session.get(ME).status_code == 401
    assert client.get(f"/api/v1/teachers/{teacher.pk}/").status_code == 401
    assert _token().status_code == 400


def test_recording_a_leaving_date_ends_the_accounts_tokens(today, school_a):
    teacher = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    account = _account(teacher)
    client = _token_client(_token().json()["token"])
    assert client.get(f"/api/v1/teachers/{teacher.pk}/").status_code == 200
    _leave(teacher, today)
    assert not AuthToken.objects.filter(user=account).exists()
    assert client.get(f"/api/v1/teachers/{teacher.pk}/").status_code == 401


def test_a_leaving_date_recorded_through_the_api_ends_the_tokens(api, hr_a, today, school_a):
    teacher = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    account = _account(teacher)
    client = _token_client(_token().json()["token"])
    response = api(hr_a).patch(
        f"/api/v1/teachers/{teacher.pk}/",
        {"left_on": (today - timedelta(days=3)).isoformat(), "version": teacher.version},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert not AuthToken.objects.filter(user=account).exists()
    assert client.get(ME).status_code == 401


def test_a_leaving_date_recorded_by_a_batch_write_ends_the_tokens(today, school_a):
    """The import's write (teachers_write_batch): a past date ends them, a future one not."""
    gone = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    staying = testing.make_teacher(school_a, name="李强", hired_on=date(2015, 9, 1))
    _account(gone, "gone")
    _account(staying, "staying")
    _token("gone")
    _token("staying")
    teacher_services.teachers_write_batch(
        new=[],
        updated=[
            ({"id": gone.pk, "left_on": None}, {"id": gone.pk, "left_on": today}),
            (
                {"id": staying.pk, "left_on": None},
                {"id": staying.pk, "left_on": today + timedelta(days=1)},
            ),
        ],
    )
    assert not AuthToken.objects.filter(user__teacher=gone).exists()
    assert AuthToken.objects.filter(user__teacher=staying).exists()


# ------------------------------------------------------------ re-admission, other roles


def test_a_readmitted_teacher_signs_in_again(today, school_a):
    teacher = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    _account(teacher)
    _leave(teacher, today - timedelta(days=30))
    assert _token().status_code == 400
    _leave(teacher, None)
    response = _token()
    assert response.status_code == 200, response.json()
    assert _token_client(response.json()["token"]).get(ME).status_code == 200
    session = APIClient()
    assert _login(session).status_code == 200
    assert session.get(ME).status_code == 200


def test_hr_is_not_concerned_by_a_leaving_teacher(today, hr_a, school_a):
    teacher = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    _account(teacher)
    token = _token("hr_a", "pw-for-tests-1")
    assert token.status_code == 200
    _leave(teacher, today)
    assert _token_client(token.json()["token"]).get(ME).status_code == 200
    session = APIClient()
    response = session.post(
        "/api/v1/auth/login/", {"username": "hr_a", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 200
    assert session.get(ME).status_code == 200


# ------------------------------------------------------------ the cost


def test_a_teacher_token_request_still_reads_token_user_and_teacher_in_one_query(today, school_a):
    teacher = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    _account(teacher)
    client = _token_client(_token().json()["token"])
    client.get(ME)  # the first use may move the idle end
    with CaptureQueriesContext(connection) as queries:
        me = client.get(ME)
    assert me.status_code == 200
    assert me.json()["teacher_name"] == "王芳"
    sql = [q["sql"] for q in queries.captured_queries]
    assert len([s for s in sql if "knox_authtoken" in s]) == 1
    # The teacher (and its leaving date) came with the token and its user.
    assert all("knox_authtoken" in s for s in sql if "teachers_teacher" in s)


def test_a_session_request_reads_the_user_and_teacher_in_one_query(today, school_a):
    teacher = testing.make_teacher(school_a, name="王芳", hired_on=date(2015, 9, 1))
    _account(teacher)
    session = APIClient()
    assert _login(session).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert session.get(ME).status_code == 200
    user_reads = [q["sql"] for q in queries.captured_queries if "accounts_user" in q["sql"]]
    assert len(user_reads) == 1
    teacher_reads = [q["sql"] for q in queries.captured_queries if "teachers_teacher" in q["sql"]]
    assert teacher_reads == user_reads  # the teacher came with the user

"""Round 40 (exploratory QA): a browser session signed in before an account was deactivated
worked again once the account was reactivated (its API tokens did not: they are deleted).
A deactivation now ends the account's sessions for good, whether by DELETE users/{id}/ or by
PATCH is_active=false; a reactivated account signs in afresh."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from shuangshi.accounts.models import User

pytestmark = pytest.mark.django_db


def signed_in(username: str) -> APIClient:
    client = APIClient()
    client.get("/api/v1/auth/csrf/")
    response = client.post(
        "/api/v1/auth/login/",
        {"username": username, "password": "pw-for-tests-1"},
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    assert response.status_code == 200, response.json()
    assert client.get("/api/v1/auth/me/").status_code == 200
    return client


def deactivate(api: Any, province: User, user: User, how: str) -> None:
    client = api(province)
    if how == "delete":
        assert client.delete(f"/api/v1/users/{user.pk}/").status_code == 204
    else:
        user.refresh_from_db()
        response = client.patch(f"/api/v1/users/{user.pk}/", {"is_active": False}, format="json")
        assert response.status_code == 200, response.json()


@pytest.mark.parametrize("how", ["delete", "patch"])
def test_a_session_from_before_a_deactivation_does_not_come_back(api, province, hr_a, how):
    session = signed_in("hr_a")
    deactivate(api, province, hr_a, how)
    assert session.get("/api/v1/auth/me/").status_code == 401  # signed out: sign in again
    response = api(province).patch(f"/api/v1/users/{hr_a.pk}/", {"is_active": True}, format="json")
    assert response.status_code == 200, response.json()
    assert session.get("/api/v1/auth/me/").status_code == 401
    assert session.get("/api/v1/teachers/").status_code == 401
    # The owner signs in afresh, and that session holds.
    fresh = signed_in("hr_a")
    assert fresh.get("/api/v1/teachers/").status_code == 200


def test_other_accounts_sessions_are_untouched(api, province, hr_a, hr_b):
    other = signed_in("hr_b")
    deactivate(api, province, hr_a, "delete")
    assert other.get("/api/v1/auth/me/").json()["username"] == "hr_b"


def test_hr_cannot_deactivate_an_hr_account(api, hr_a, hr_b):
    assert api(hr_a).delete(f"/api/v1/users/{hr_b.pk}/").status_code in (403, 404)
    hr_b.refresh_from_db()
    assert hr_b.is_active

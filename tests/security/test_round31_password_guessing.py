"""Guessing the current password at auth/password/ counts as failed sign-ins (django-axes),
so a stolen session or token cannot try passwords without limit (round 31)."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-1"  # the fixtures' password (shuangshi.testing)
URL = "/api/v1/auth/password/"


def _change(client: APIClient, old: str):
    return client.post(URL, {"old_password": old, "new_password": "a-New-pass-2026"})


def test_wrong_current_passwords_lock_out_like_failed_sign_ins(settings, api, hr_a):
    client = api(hr_a)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _change(client, "wrong")
        assert response.status_code == 400
        assert "old_password" in response.json()
    locked = _change(client, "wrong")
    assert locked.status_code == 429
    # Locked out: the right current password is refused now, and so is signing in.
    assert _change(client, PASSWORD).status_code == 429
    sign_in = APIClient().post("/api/v1/auth/token/", {"username": "hr_a", "password": PASSWORD})
    assert sign_in.status_code == 429
    hr_a.refresh_from_db()
    assert hr_a.check_password(PASSWORD)


def test_the_right_current_password_still_changes_it(settings, api, hr_a):
    client = api(hr_a)
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        assert _change(client, "wrong").status_code == 400
    assert _change(client, PASSWORD).status_code == 200
    hr_a.refresh_from_db()
    assert hr_a.check_password("a-New-pass-2026")


def test_a_lock_out_at_the_password_page_locks_no_other_user(settings, api, hr_a, hr_b):
    client = api(hr_a)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _change(client, "wrong")
    assert _change(api(hr_b), PASSWORD).status_code == 200

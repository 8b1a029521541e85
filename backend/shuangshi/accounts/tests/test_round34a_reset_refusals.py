"""Round 34: the province's accounts page offers "reset password" only where the API allows it.

The page hides the action on one's own account, on a deactivated one and on a teacher account
whose teacher has left; these pin what the API answers there (each a 400 with the reason, the
password untouched), so that the page and the API keep agreeing.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi.accounts import services
from shuangshi.accounts.models import Role, User
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-1"


def reset_url(user: User) -> str:
    return f"/api/v1/users/{user.pk}/reset-password/"


def test_the_province_resetting_its_own_password_is_told_where_to_change_it(api, province):
    zh = api(province).post(reset_url(province))
    assert zh.status_code == 400
    assert "修改密码" in " ".join(zh.json()["non_field_errors"])
    en = api(province).post(reset_url(province), HTTP_ACCEPT_LANGUAGE="en")
    assert en.status_code == 400
    assert "Change password" in " ".join(en.json()["non_field_errors"])
    province.refresh_from_db()
    assert province.check_password(PASSWORD) and not province.must_change_password


def test_the_province_cannot_reset_a_deactivated_account(api, province, hr_a):
    services.user_deactivate(user=hr_a)
    response = api(province).post(reset_url(hr_a))
    assert response.status_code == 400
    assert list(response.json()) == ["is_active"]
    hr_a.refresh_from_db()
    assert hr_a.check_password(PASSWORD) and not hr_a.must_change_password


def test_the_province_cannot_reset_a_departed_teachers_account(api, province, teacher_a):
    account = services.user_create(
        username="wangfang", password="Initial-pass-42", role=Role.TEACHER, teacher=teacher_a
    )
    left_on = timezone.localdate() - timedelta(days=1)
    teacher_services.teacher_update(teacher=teacher_a, data={"left_on": left_on})
    response = api(province).post(reset_url(account), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "left" in " ".join(response.json()["teacher"])
    account.refresh_from_db()
    assert account.check_password("Initial-pass-42")

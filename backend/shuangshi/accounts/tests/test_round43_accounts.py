"""Round 43: the province cannot lock itself out. No one deactivates their own account or
changes their own role or scope (another province account does: a 400 on the field, as a
self password change is); "another province account remains" counts only accounts that
can sign in. And a token sign-in is recorded as a session login is (last_login)."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from shuangshi import testing
from shuangshi.accounts import services
from shuangshi.accounts.models import Role, User

pytestmark = pytest.mark.django_db
URL = "/api/v1/users/"


@pytest.fixture
def other_province(db):
    return testing.make_user("province2", Role.PROVINCE)


def test_the_province_cannot_deactivate_its_own_account(api, province, other_province):
    response = api(province).delete(f"{URL}{province.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400, response.content
    assert "own account" in response.json()["is_active"][0]
    province.refresh_from_db()
    assert province.is_active


def test_nor_by_an_edit(api, province, other_province):
    response = api(province).patch(f"{URL}{province.pk}/", {"is_active": False}, format="json")
    assert response.status_code == 400
    assert "is_active" in response.json()
    province.refresh_from_db()
    assert province.is_active


def test_the_province_cannot_change_its_own_role(api, province, other_province):
    body = {"role": Role.CITY, "city": testing.city().pk}
    response = api(province).patch(f"{URL}{province.pk}/", body, format="json")
    assert response.status_code == 400, response.content
    assert "role" in response.json()
    province.refresh_from_db()
    assert (province.role, province.city_id) == (Role.PROVINCE, None)


def test_the_province_still_edits_its_own_name_and_sends_its_role_back(api, province):
    response = api(province).patch(
        f"{URL}{province.pk}/", {"first_name": "省", "role": Role.PROVINCE}, format="json"
    )
    assert response.status_code == 200, response.content
    province.refresh_from_db()
    assert province.first_name == "省"


def test_another_province_account_deactivates_and_moves_it(api, province, other_province):
    client = api(other_province)
    moved = client.patch(
        f"{URL}{province.pk}/", {"role": Role.CITY, "city": testing.city().pk}, format="json"
    )
    assert moved.status_code == 200, moved.content
    assert client.delete(f"{URL}{province.pk}/").status_code == 204


def test_a_province_account_that_cannot_sign_in_does_not_count_as_remaining(province):
    locked = testing.make_user("province_nopw", Role.PROVINCE)
    services.user_password_disable(user=locked)
    # The admin or a command asks with no actor: the last account that signs in stays.
    with pytest.raises(ValidationError) as refused:
        services.user_deactivate(user=province)
    assert "is_active" in refused.value.message_dict
    with pytest.raises(ValidationError) as moved:
        services.user_update(user=province, data={"role": Role.CITY, "city": testing.city()})
    assert "role" in moved.value.message_dict
    province.refresh_from_db()
    assert (province.is_active, province.role) == (True, Role.PROVINCE)


def test_a_token_sign_in_records_the_last_login_and_a_token_use_does_not(province):
    assert User.objects.get(pk=province.pk).last_login is None
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": "province", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 200, response.content
    signed_in = User.objects.get(pk=province.pk).last_login
    assert signed_in is not None
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/v1/schools/").status_code == 200
    assert User.objects.get(pk=province.pk).last_login == signed_in

"""Round 41: accounts changed in Django's admin go through accounts.services.

The admin saved its form's model directly: deactivating an account there kept its API
tokens and sessions, a teacher account could lose its teacher, the last province account
could be deactivated, and a password set there kept the owner's tokens and need not be
changed. Each admin write now calls the service the API calls; its refusals show on the form.
"""

import pytest
from knox.models import AuthToken

from shuangshi.accounts import services
from shuangshi.accounts.models import Role, User

pytestmark = pytest.mark.django_db
USERS = "/admin/accounts/user/"


@pytest.fixture
def root(db):
    return User.objects.create_superuser("root", password="pw-root-1", role=Role.PROVINCE)


@pytest.fixture
def admin_client(client, root):
    client.force_login(root)
    return client


def _form(user: User, **changes):
    """The change form as the admin page posts it, with `changes`."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "role": user.role,
        "city": user.city_id or "",
        "school": user.school_id or "",
        "training_base": user.training_base_id or "",
        "teacher": user.teacher_id or "",
    }
    flags = {"is_active": user.is_active, "is_staff": user.is_staff}
    flags.update({k: v for k, v in changes.items() if k in flags})
    data.update({k: v for k, v in changes.items() if k not in flags})
    data.update({k: "on" for k, on in flags.items() if on})
    return data


def test_the_admin_lists_and_opens_accounts(admin_client, hr_a):
    assert admin_client.get(USERS).status_code == 200
    assert admin_client.get(f"{USERS}{hr_a.pk}/change/").status_code == 200
    assert admin_client.get(f"{USERS}add/").status_code == 200


def test_deactivating_in_the_admin_ends_tokens_and_sessions(admin_client, hr_a):
    services.token_issue(user=hr_a)
    epoch = hr_a.sessions_epoch
    response = admin_client.post(f"{USERS}{hr_a.pk}/change/", _form(hr_a, is_active=False))
    assert response.status_code == 302, response.content.decode()[:2000]
    hr_a.refresh_from_db()
    assert hr_a.is_active is False
    assert hr_a.sessions_epoch == epoch + 1
    assert not AuthToken.objects.filter(user=hr_a).exists()


def test_the_admin_shows_the_services_refusal_and_saves_nothing(admin_client, hr_a, teacher_a):
    response = admin_client.post(
        f"{USERS}{hr_a.pk}/change/", _form(hr_a, role=Role.TEACHER, school="")
    )
    assert response.status_code == 200  # the form again, with the reason
    assert response.context["adminform"].form.errors
    hr_a.refresh_from_db()
    assert (hr_a.role, hr_a.school_id is not None) == (Role.SCHOOL_HR, True)


def test_the_last_province_account_stays_active(admin_client, province, root):
    User.objects.filter(pk=root.pk).update(role=Role.CITY)  # the operator is not province
    root.refresh_from_db()
    admin_client.force_login(root)
    response = admin_client.post(f"{USERS}{province.pk}/change/", _form(province, is_active=False))
    assert response.status_code == 200
    assert "is_active" in response.context["adminform"].form.errors
    province.refresh_from_db()
    assert province.is_active is True


def test_an_account_added_in_the_admin_must_change_its_password(admin_client, school_a):
    response = admin_client.post(
        f"{USERS}add/",
        {
            "username": "hr_new",
            "usable_password": "true",
            "password1": "Initial-pass-42",
            "password2": "Initial-pass-42",
            "role": Role.SCHOOL_HR,
            "school": school_a.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="hr_new")
    assert (user.role, user.school_id, user.must_change_password) == (
        Role.SCHOOL_HR,
        school_a.pk,
        True,
    )
    assert user.check_password("Initial-pass-42")


def test_an_account_without_its_scope_is_refused_on_the_add_form(admin_client):
    response = admin_client.post(
        f"{USERS}add/",
        {
            "username": "hr_nowhere",
            "usable_password": "true",
            "password1": "Initial-pass-42",
            "password2": "Initial-pass-42",
            "role": Role.SCHOOL_HR,
        },
    )
    assert response.status_code == 200
    assert "school" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="hr_nowhere").exists()


def test_a_password_set_in_the_admin_must_be_changed_and_ends_tokens(admin_client, hr_a):
    services.token_issue(user=hr_a)
    response = admin_client.post(
        f"{USERS}{hr_a.pk}/password/",
        {"usable_password": "true", "password1": "Other-pass-77", "password2": "Other-pass-77"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    hr_a.refresh_from_db()
    assert hr_a.check_password("Other-pass-77")
    assert hr_a.must_change_password is True
    assert not AuthToken.objects.filter(user=hr_a).exists()


def test_disabling_password_sign_in_ends_tokens(admin_client, hr_a):
    services.token_issue(user=hr_a)
    response = admin_client.post(
        f"{USERS}{hr_a.pk}/password/", {"usable_password": "false", "unset-password": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    hr_a.refresh_from_db()
    assert hr_a.has_usable_password() is False
    assert not AuthToken.objects.filter(user=hr_a).exists()


def test_deleting_in_the_admin_deactivates(admin_client, hr_a):
    services.token_issue(user=hr_a)
    response = admin_client.post(f"{USERS}{hr_a.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    hr_a.refresh_from_db()
    assert hr_a.is_active is False
    assert not AuthToken.objects.filter(user=hr_a).exists()

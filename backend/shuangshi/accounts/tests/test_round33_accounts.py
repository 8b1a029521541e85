"""Round 33: accounts management audit.

1. A bulk account request (`POST users/teacher-accounts/`) was refused as a whole when one
   of the teachers had left: the whole selection had to be found again and sent without
   them. Like the request's own "already has an account" rows, each teacher now gets an
   outcome (`created`, `existed`, `refused` with the reason); only a request where no
   teacher can have an account is a 400, naming each teacher.
2. A record's id that is not a whole number (`teachers: [1.5]`, `school: 1.5`) was taken as
   another record (teacher 1, school 1): a 400 naming the field.
3. The scope messages named the field in code ("该角色须指定teacher。").
4. Django's minimum-length password message was English in Chinese (its 5.2 message id has
   no Chinese translation).
5. A password set by the province or HR lost its leading and trailing spaces: the account
   could not sign in with the password it was given.
6. The account list said nothing of a teacher account's teacher (scope "—") nor that the
   teacher has left (the account reads active but cannot sign in).
7. A deleted teacher's account stayed active with no teacher, hidden from its school's HR.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from shuangshi import testing
from shuangshi.accounts import services
from shuangshi.accounts.models import Role, User
from shuangshi.teachers import services as teacher_services

pytestmark = pytest.mark.django_db

USERS = "/api/v1/users/"
BULK = f"{USERS}teacher-accounts/"
INITIAL = "Initial-pass-42"


@pytest.fixture
def gone(school_a):
    return testing.make_teacher(
        school_a, name="离职者", left_on=timezone.localdate() - timedelta(days=30)
    )


# ------------------------------------------------------------ 1. bulk requests


def test_a_bulk_request_makes_the_valid_accounts_and_names_the_refused_teacher(
    api, hr_a, teacher_a, gone
):
    response = api(hr_a).post(BULK, {"teachers": [teacher_a.pk, gone.pk]}, format="json")
    assert response.status_code == 201, response.json()
    rows = {row["teacher"]: row for row in response.json()}
    assert rows[teacher_a.pk]["status"] == "created"
    assert rows[teacher_a.pk]["password"] and rows[teacher_a.pk]["reason"] is None
    refused = rows[gone.pk]
    assert refused["status"] == "refused"
    assert refused["username"] is None and refused["password"] is None
    assert "离职" in refused["reason"]
    assert User.objects.filter(teacher=teacher_a, is_active=True).count() == 1
    assert not User.objects.filter(teacher=gone).exists()


def test_the_refusal_reason_is_english_when_asked(api, hr_a, teacher_a, gone):
    response = api(hr_a).post(
        BULK, {"teachers": [teacher_a.pk, gone.pk]}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 201, response.json()
    refused = next(row for row in response.json() if row["teacher"] == gone.pk)
    assert "has left" in refused["reason"]


def test_rows_keep_the_order_asked_and_say_which_account_existed(api, hr_a, school_a, teacher_a):
    second = testing.make_teacher(school_a, name="赵敏")
    api(hr_a).post(BULK, {"teachers": [teacher_a.pk]}, format="json")
    response = api(hr_a).post(BULK, {"teachers": [second.pk, teacher_a.pk]}, format="json")
    assert response.status_code == 201, response.json()
    rows = response.json()
    assert [row["teacher"] for row in rows] == [second.pk, teacher_a.pk]
    assert [row["status"] for row in rows] == ["created", "existed"]
    assert rows[1]["password"] is None and rows[1]["username"]


def test_a_teacher_listed_twice_gets_one_account_and_one_row(api, hr_a, teacher_a):
    response = api(hr_a).post(BULK, {"teachers": [teacher_a.pk, teacher_a.pk]}, format="json")
    assert response.status_code == 201, response.json()
    assert [row["teacher"] for row in response.json()] == [teacher_a.pk]
    assert User.objects.filter(teacher=teacher_a).count() == 1


def test_a_request_where_no_teacher_can_have_an_account_is_refused_naming_each(
    api, hr_a, school_a, gone
):
    other = testing.make_teacher(
        school_a, name="也离职", left_on=timezone.localdate() - timedelta(days=1)
    )
    response = api(hr_a).post(BULK, {"teachers": [gone.pk, other.pk]}, format="json")
    assert response.status_code == 400
    messages = response.json()["teachers"]
    assert isinstance(messages, list) and len(messages) == 2
    assert any("离职者" in m for m in messages) and any("也离职" in m for m in messages)
    assert not User.objects.filter(teacher__in=[gone, other]).exists()


def test_the_province_makes_bulk_accounts_for_any_school(api, province, teacher_a, teacher_b):
    response = api(province).post(BULK, {"teachers": [teacher_a.pk, teacher_b.pk]}, format="json")
    assert response.status_code == 201, response.json()
    assert [row["status"] for row in response.json()] == ["created", "created"]


@pytest.mark.parametrize("who", ["city_nc", "base_staff"])
def test_other_roles_cannot_request_accounts(request, api, who, teacher_a):
    response = api(request.getfixturevalue(who)).post(
        BULK, {"teachers": [teacher_a.pk]}, format="json"
    )
    assert response.status_code == 403
    assert not User.objects.filter(teacher=teacher_a).exists()


def test_another_schools_teacher_still_refuses_the_request(api, hr_a, teacher_a, teacher_b):
    # Not a row of the report: another school's teacher reads as one that does not exist.
    response = api(hr_a).post(BULK, {"teachers": [teacher_a.pk, teacher_b.pk]}, format="json")
    assert response.status_code == 400
    assert "teachers" in response.json()
    assert not User.objects.filter(teacher__in=[teacher_a, teacher_b]).exists()


# ------------------------------------------------------------ 2. ids that are not whole numbers


@pytest.mark.parametrize(
    "bad", [lambda pk: pk + 0.5, lambda pk: f"{pk}.0", lambda pk: True, lambda pk: f"{pk}e0"]
)
def test_a_bulk_teacher_id_must_be_a_whole_number(api, hr_a, teacher_a, bad):
    # 1.5 used to read as teacher 1.
    response = api(hr_a).post(BULK, {"teachers": [bad(teacher_a.pk)]}, format="json")
    assert response.status_code == 400
    assert "teachers" in response.json()
    assert not User.objects.filter(teacher=teacher_a).exists()


def test_an_account_scope_id_must_be_a_whole_number(api, province, school_a):
    response = api(province).post(
        USERS,
        {"username": "hr9", "password": INITIAL, "role": "school_hr", "school": school_a.pk + 0.5},
        format="json",
    )
    assert response.status_code == 400
    assert "school" in response.json()
    assert not User.objects.filter(username="hr9").exists()


def test_an_account_teacher_id_must_be_a_whole_number(api, hr_a, teacher_a):
    response = api(hr_a).post(
        USERS,
        {"username": "t9", "password": INITIAL, "role": "teacher", "teacher": teacher_a.pk + 0.5},
        format="json",
    )
    assert response.status_code == 400
    assert "teacher" in response.json()


def test_a_scope_id_sent_as_a_form_string_still_works(api, province, school_a):
    response = api(province).post(
        USERS,
        {"username": "hr8", "password": INITIAL, "role": "school_hr", "school": str(school_a.pk)},
    )
    assert response.status_code == 201, response.json()


# ------------------------------------------------------------ 3, 4. messages


def test_scope_messages_name_the_field_in_the_readers_language(api, province, base_a):
    zh = api(province).post(
        USERS, {"username": "b1", "password": INITIAL, "role": "base_staff"}, format="json"
    )
    assert zh.status_code == 400
    assert zh.json()["training_base"] == ["该角色须指定培养培训基地。"]
    en = api(province).post(
        USERS,
        {"username": "b1", "password": INITIAL, "role": "base_staff"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert en.json()["training_base"] == ["This role needs a training base."]


def test_a_short_password_is_refused_in_chinese(api, hr_a, teacher_a):
    account = services.user_create(
        username="wangfang", password=INITIAL, role=Role.TEACHER, teacher=teacher_a
    )
    response = api(hr_a).patch(f"{USERS}{account.pk}/", {"password": "Ab-1"}, format="json")
    assert response.status_code == 400
    text = " ".join(response.json()["password"])
    assert "too short" not in text and "8" in text
    en = api(hr_a).patch(
        f"{USERS}{account.pk}/", {"password": "Ab-1"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "too short" in " ".join(en.json()["password"])


# ------------------------------------------------------------ 5. a password keeps its spaces


def test_a_password_set_by_the_province_signs_in_as_given(api, province, school_a):
    given = "  Initial-pass-42 "
    response = api(province).post(
        USERS,
        {"username": "hr7", "password": given, "role": "school_hr", "school": school_a.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    token = APIClient().post("/api/v1/auth/token/", {"username": "hr7", "password": given})
    assert token.status_code == 200, token.json()


def test_hr_resets_its_teachers_password_and_the_old_tokens_end(api, hr_a, hr_b, teacher_a):
    account = services.user_create(
        username="wangfang", password=INITIAL, role=Role.TEACHER, teacher=teacher_a
    )
    services.token_issue(user=account)
    refused = api(hr_b).patch(f"{USERS}{account.pk}/", {"password": "Reset-pass-99"})
    assert refused.status_code == 404
    response = api(hr_a).patch(f"{USERS}{account.pk}/", {"password": "Reset-pass-99"})
    assert response.status_code == 200, response.json()
    account.refresh_from_db()
    assert account.check_password("Reset-pass-99") and account.must_change_password
    assert not AuthToken.objects.filter(user=account).exists()


# ------------------------------------------------------------ 6. whose account, and gone?


def test_the_list_names_a_teacher_accounts_teacher_and_says_if_they_left(
    api, province, hr_a, teacher_a, school_a
):
    services.user_create(
        username="wangfang", password=INITIAL, role=Role.TEACHER, teacher=teacher_a
    )
    leaving = testing.make_teacher(school_a, name="将离职")
    services.user_create(username="leaving", password=INITIAL, role=Role.TEACHER, teacher=leaving)
    teacher_services.teacher_update(
        teacher=leaving, data={"left_on": timezone.localdate() - timedelta(days=1)}
    )
    for reader in (province, hr_a):
        rows = {
            row["username"]: row
            for row in api(reader).get(USERS, {"role": "teacher"}).json()["results"]
        }
        assert rows["wangfang"]["teacher_name"] == "王芳"
        assert rows["wangfang"]["teacher_school_name"] == school_a.name
        assert rows["wangfang"]["teacher_left"] is False
        assert rows["leaving"]["teacher_left"] is True
    hr_row = api(province).get(USERS, {"role": "school_hr"}).json()["results"][0]
    assert hr_row["teacher_name"] is None and hr_row["teacher_left"] is False


def test_the_account_list_reads_in_a_bounded_number_of_queries(
    api, province, school_a, django_assert_max_num_queries
):
    for n in range(12):
        teacher = testing.make_teacher(school_a, name=f"教师{n}")
        services.user_create(username=f"t{n}", password=INITIAL, role=Role.TEACHER, teacher=teacher)
    with django_assert_max_num_queries(6):
        response = api(province).get(USERS, {"page_size": 50})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 13


def test_a_city_reads_no_accounts(api, city_nc, teacher_a):
    services.user_create(
        username="wangfang", password=INITIAL, role=Role.TEACHER, teacher=teacher_a
    )
    assert api(city_nc).get(USERS).status_code == 403


def test_a_moved_teachers_account_follows_them_to_the_new_school(
    api, hr_a, hr_b, teacher_a, school_b
):
    services.user_create(
        username="wangfang", password=INITIAL, role=Role.TEACHER, teacher=teacher_a
    )
    teacher_services.teacher_update(teacher=teacher_a, data={"school": school_b})
    assert api(hr_a).get(USERS).json()["count"] == 0
    assert [row["username"] for row in api(hr_b).get(USERS).json()["results"]] == ["wangfang"]


# ------------------------------------------------------------ 7. a deleted teacher


def test_a_deleted_teachers_account_is_deactivated_and_its_tokens_end(api, hr_a, teacher_a):
    account = services.user_create(
        username="wangfang", password=INITIAL, role=Role.TEACHER, teacher=teacher_a
    )
    services.token_issue(user=account)
    response = api(hr_a).delete(f"/api/v1/teachers/{teacher_a.pk}/")
    assert response.status_code == 204, response.content
    account.refresh_from_db()
    assert not account.is_active
    assert not AuthToken.objects.filter(user=account).exists()

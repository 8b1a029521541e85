"""Teacher and expert accounts (DESIGN §8): who creates them, the first-login password
change, and a teacher's view of themself."""

from rest_framework.test import APIClient

from shuangshi import testing
from shuangshi.accounts.models import Role, User

USERS = "/api/v1/users/"
PASSWORD = "/api/v1/auth/password/"


def _token_client(username: str, password: str) -> APIClient:
    client = APIClient()
    token = client.post("/api/v1/auth/token/", {"username": username, "password": password})
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    return client


def test_hr_creates_an_account_for_its_own_teacher(api, hr_a, teacher_a):
    response = api(hr_a).post(
        USERS,
        {
            "username": "wangfang",
            "password": "Initial-pass-42",
            "role": "teacher",
            "teacher": teacher_a.pk,
        },
    )
    assert response.status_code == 201, response.json()
    user = User.objects.get(username="wangfang")
    assert user.teacher == teacher_a and user.must_change_password


def test_hr_cannot_create_an_account_for_another_schools_teacher(api, hr_a, teacher_b):
    response = api(hr_a).post(
        USERS,
        {
            "username": "liqiang",
            "password": "Initial-pass-42",
            "role": "teacher",
            "teacher": teacher_b.pk,
        },
    )
    assert response.status_code == 400
    assert "teacher" in response.json()


def test_hr_cannot_create_other_roles(api, hr_a, school_a):
    response = api(hr_a).post(
        USERS,
        {
            "username": "boss",
            "password": "Initial-pass-42",
            "role": "school_hr",
            "school": school_a.pk,
        },
    )
    assert response.status_code == 400
    assert "role" in response.json()


def test_hr_lists_only_its_teachers_accounts(api, hr_a, hr_b, teacher_a, teacher_b):
    testing.make_user("t_a", Role.TEACHER, teacher=teacher_a)
    testing.make_user("t_b", Role.TEACHER, teacher=teacher_b)
    names = [u["username"] for u in api(hr_a).get(USERS).json()["results"]]
    assert names == ["t_a"]


def test_a_teacher_has_one_account(api, hr_a, teacher_a):
    testing.make_user("t_a", Role.TEACHER, teacher=teacher_a)
    response = api(hr_a).post(
        USERS,
        {
            "username": "again",
            "password": "Initial-pass-42",
            "role": "teacher",
            "teacher": teacher_a.pk,
        },
    )
    assert response.status_code == 400
    assert "teacher" in response.json()


def test_hr_creates_accounts_in_bulk_from_the_teacher_list(api, hr_a, school_a, teacher_a):
    second = testing.make_teacher(school_a, name="赵敏")
    response = api(hr_a).post(f"{USERS}teacher-accounts/", {"teachers": [teacher_a.pk, second.pk]})
    assert response.status_code == 201, response.json()
    rows = response.json()
    assert {r["teacher"] for r in rows} == {teacher_a.pk, second.pk}
    assert all(r["password"] for r in rows)
    again = api(hr_a).post(f"{USERS}teacher-accounts/", {"teachers": [teacher_a.pk]}).json()
    assert again[0]["password"] is None


def test_bulk_accounts_refuse_another_schools_teacher(api, hr_a, teacher_b):
    response = api(hr_a).post(f"{USERS}teacher-accounts/", {"teachers": [teacher_b.pk]})
    assert response.status_code == 400
    assert "teachers" in response.json()


def test_city_cannot_create_accounts(api, city_nc, teacher_a):
    response = api(city_nc).post(f"{USERS}teacher-accounts/", {"teachers": [teacher_a.pk]})
    assert response.status_code == 403


def test_first_login_must_change_the_password(db, api, province, teacher_a):
    api(province).post(
        USERS,
        {
            "username": "wangfang",
            "password": "Initial-pass-42",
            "role": "teacher",
            "teacher": teacher_a.pk,
        },
    )
    client = _token_client("wangfang", "Initial-pass-42")
    blocked = client.get(f"/api/v1/teachers/{teacher_a.pk}/")
    assert blocked.status_code == 403
    assert blocked.json()["code"] == "password_change_required"
    assert client.get("/api/v1/auth/me/").json()["must_change_password"] is True
    wrong = client.post(PASSWORD, {"old_password": "nope", "new_password": "Brand-new-pass-7"})
    assert wrong.status_code == 400 and "old_password" in wrong.json()
    weak = client.post(PASSWORD, {"old_password": "Initial-pass-42", "new_password": "123"})
    assert weak.status_code == 400 and "new_password" in weak.json()
    ok = client.post(
        PASSWORD, {"old_password": "Initial-pass-42", "new_password": "Brand-new-pass-7"}
    )
    assert ok.status_code == 200, ok.json()
    # The token ended with the old password; a new one works everywhere.
    assert client.get("/api/v1/auth/me/").status_code == 401
    fresh = _token_client("wangfang", "Brand-new-pass-7")
    assert fresh.get(f"/api/v1/teachers/{teacher_a.pk}/").status_code == 200


def test_a_teacher_sees_only_themself_with_the_full_id_number(api, teacher_a, teacher_b):
    user = testing.make_user("t_a", Role.TEACHER, teacher=teacher_a)
    client = api(user)
    own = client.get(f"/api/v1/teachers/{teacher_a.pk}/")
    assert own.status_code == 200
    assert own.json()["id_number"] == teacher_a.id_number
    assert client.get(f"/api/v1/teachers/{teacher_b.pk}/").status_code == 404
    assert [t["id"] for t in client.get("/api/v1/teachers/").json()["results"]] == [teacher_a.pk]
    me = client.get("/api/v1/auth/me/").json()
    assert me["teacher"] == teacher_a.pk and me["role"] == "teacher"


def test_a_teacher_cannot_edit_their_record(api, teacher_a):
    user = testing.make_user("t_a", Role.TEACHER, teacher=teacher_a)
    response = api(user).patch(f"/api/v1/teachers/{teacher_a.pk}/", {"version": 1, "name": "x"})
    assert response.status_code == 403


def test_an_expert_may_have_a_school_but_sees_no_teachers(api, school_a, teacher_a):
    expert = testing.make_user("ex", Role.EXPERT, school=school_a)
    assert api(expert).get("/api/v1/teachers/").status_code == 403


def test_the_province_opens_an_expert_account_with_or_without_a_school(api, province, school_a):
    # The accounts page sends school null when the expert's own school is left empty.
    response = api(province).post(
        USERS,
        {"username": "expert1", "password": "Initial-pass-42", "role": "expert", "school": None},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert User.objects.get(username="expert1").school is None
    response = api(province).post(
        USERS,
        {
            "username": "expert2",
            "password": "Initial-pass-42",
            "role": "expert",
            "school": school_a.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    expert = User.objects.get(username="expert2")
    assert expert.school == school_a and expert.role == Role.EXPERT
    # Cleared on the page: no school.
    response = api(province).patch(f"{USERS}{expert.pk}/", {"school": None}, format="json")
    assert response.status_code == 200, response.json()
    expert.refresh_from_db()
    assert expert.school is None


def test_an_expert_has_no_city_or_base(api, province, base_a):
    response = api(province).post(
        USERS,
        {
            "username": "expert3",
            "password": "Initial-pass-42",
            "role": "expert",
            "training_base": base_a.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "training_base" in response.json()
    assert not User.objects.filter(username="expert3").exists()


def test_school_hr_cannot_open_an_expert_account(api, hr_a):
    response = api(hr_a).post(
        USERS, {"username": "expert4", "password": "Initial-pass-42", "role": "expert"}
    )
    assert response.status_code == 400
    assert "role" in response.json()

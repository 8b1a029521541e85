"""Round 28: the CRUD lists' query parameters keep DESIGN §5's contract.

A bad value in a list's filter is a 400 `{parameter: [messages]}`, never a silently
different list: a record's id that is not a whole number (`?school=1.5` listed school 1), a
value outside the field's choices (`?kind=` on teachers listed nothing where `?kind=` on
schools answered 400), a yes/no that is neither (`?active=maybe` listed everyone), a search
holding a NUL character (a bare list of messages, naming no parameter). Cities and training
bases filter by `code`, as schools do.
"""

from datetime import date

import pytest
from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.mentors.models import Mentor, MentorAppointment
from shuangshi.training.models import TrainingCompletion, TrainingProgram

pytestmark = pytest.mark.django_db

NOT_AN_ID = ["1.5", "1.0", "-1", "0", "1e3", "²", "abc", "9" * 19]


@pytest.fixture
def program_a(base_a):
    return TrainingProgram.objects.create(
        base=base_a,
        title="新能源汽车维修技术培训",
        kind="skill_training",
        hours=40,
        start_on=date(2024, 7, 1),
        end_on=date(2024, 7, 20),
    )


@pytest.fixture
def records(school_a, teacher_a, program_a):
    """One certificate, period, completion and mentor appointment of school A's teacher."""
    testing.make_certificate(teacher_a)
    testing.make_period(teacher_a)
    TrainingCompletion.objects.create(
        program=program_a, teacher=teacher_a, completed_on=date(2024, 7, 20), hours=40
    )
    mentor = Mentor.objects.create(
        name="导师甲",
        id_number=testing.new_id_number(),
        gender="male",
        birth_date=date(1985, 6, 15),
        enterprise="江铃汽车",
        category="engineer",
    )
    MentorAppointment.objects.create(
        mentor=mentor, school=school_a, mode="teaching", start_on=date(2024, 9, 1), hours=32
    )


# (who uses it, list, parameter naming a record's id)
ID_FILTERS = [
    ("city_nc", "teachers", "city"),
    ("hr_a", "certificates", "school"),
    ("hr_a", "enterprise-periods", "school"),
    ("hr_a", "mentors", "school"),
    ("city_nc", "mentor-appointments", "city"),
    ("base_staff", "training-completions", "base"),
    ("hr_a", "training-completions", "school"),
]


def _own_id(name: str, school_a, base_a) -> int:
    return {"city": school_a.city_id, "school": school_a.pk, "base": base_a.pk}[name]


@pytest.mark.parametrize("value", NOT_AN_ID)
@pytest.mark.parametrize(("who", "path", "name"), ID_FILTERS)
def test_an_id_filter_that_is_not_a_whole_number_is_a_400_naming_it(
    api, request, records, who, path, name, value
):
    client = api(request.getfixturevalue(who))
    client.raise_request_exception = False
    response = client.get(f"/api/v1/{path}/", {name: value})
    assert response.status_code == 400, (response.status_code, response.content)
    assert list(response.json()) == [name]
    assert isinstance(response.json()[name], list)


@pytest.mark.parametrize(("who", "path", "name"), ID_FILTERS)
def test_an_id_filter_still_narrows_the_list(
    api, request, records, school_a, school_b, base_a, who, path, name
):
    client = api(request.getfixturevalue(who))
    own = _own_id(name, school_a, base_a)
    assert client.get(f"/api/v1/{path}/", {name: str(own)}).json()["count"] == 1
    assert client.get(f"/api/v1/{path}/", {name: str(own + 1000)}).json()["count"] == 0


@pytest.mark.parametrize("path", ["teachers", "certificates", "enterprise-periods", "mentors"])
def test_a_role_that_may_not_read_a_list_is_refused_before_its_filters_are_read(
    api, base_staff, path
):
    query = {"school": "1.5", "city": "1.5", "kind": "zzz", "active": "maybe", "search": "\x00"}
    assert api(base_staff).get(f"/api/v1/{path}/", query).status_code == 403


# (who uses it, list, parameter, an unknown value, a known value that matches school A's row)
CHOICE_FILTERS = [
    ("city_nc", "teachers", "kind", "secondary_vocationl", "secondary_vocational"),
    ("hr_a", "teachers", "qualification_level", "grade9", None),
    ("hr_a", "certificates", "level", "grade9", "secondary_vocational"),
    ("hr_a", "mentors", "mode", "lecture", "teaching"),
    ("base_staff", "training-completions", "kind", "cooking", "skill_training"),
]


@pytest.mark.parametrize(("who", "path", "name", "unknown", "known"), CHOICE_FILTERS)
def test_an_unknown_choice_in_a_filter_is_a_400_naming_it(
    api, request, records, who, path, name, unknown, known
):
    client = api(request.getfixturevalue(who))
    response = client.get(f"/api/v1/{path}/", {name: unknown})
    assert response.status_code == 400, response.content
    assert list(response.json()) == [name]
    if known is not None:
        assert client.get(f"/api/v1/{path}/", {name: known}).json()["count"] == 1


def test_the_level_filter_takes_every_level_of_the_design(api, hr_a, records):
    client = api(hr_a)
    counts = {
        level: client.get("/api/v1/teachers/", {"qualification_level": level}).json()["count"]
        for level in ("none", "junior", "intermediate", "senior")
    }
    assert sum(counts.values()) == 1  # school A's one teacher, at exactly one level


def test_the_choice_filters_are_enums_in_the_schema(api, province):
    schema = api(province).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    found = {}
    for _who, path, name, _unknown, _known in CHOICE_FILTERS:
        parameters = schema["paths"][f"/api/v1/{path}/"]["get"]["parameters"]
        found[(path, name)] = next(p for p in parameters if p["name"] == name)["schema"]
    assert all("enum" in s for s in found.values()), found
    assert set(found[("teachers", "qualification_level")]["enum"]) == {
        "none",
        "junior",
        "intermediate",
        "senior",
    }


def test_the_id_filters_are_integers_in_the_schema(api, province):
    schema = api(province).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for _who, path, name in ID_FILTERS:
        parameters = schema["paths"][f"/api/v1/{path}/"]["get"]["parameters"]
        assert next(p for p in parameters if p["name"] == name)["schema"]["type"] == "integer"


# (who uses it, list, yes/no parameter)
YES_NO_FILTERS = [
    ("hr_a", "teachers", "active"),
    ("hr_a", "teachers", "normal_graduate"),
    ("base_staff", "training-completions", "passed"),
    ("province", "users", "is_active"),
]


@pytest.mark.parametrize("value", ["maybe", "yes please", "2", "tru"])
@pytest.mark.parametrize(("who", "path", "name"), YES_NO_FILTERS)
def test_a_yes_no_filter_that_is_neither_is_a_400_naming_it(
    api, request, records, who, path, name, value
):
    response = api(request.getfixturevalue(who)).get(f"/api/v1/{path}/", {name: value})
    assert response.status_code == 400, response.content
    assert list(response.json()) == [name]


@pytest.mark.parametrize(("who", "path", "name"), YES_NO_FILTERS)
def test_a_yes_no_filter_still_narrows_the_list(api, request, records, who, path, name):
    client = api(request.getfixturevalue(who))
    total = client.get(f"/api/v1/{path}/").json()["count"]
    yes = [client.get(f"/api/v1/{path}/", {name: v}).json()["count"] for v in ("true", "True", "1")]
    no = [client.get(f"/api/v1/{path}/", {name: v}).json()["count"] for v in ("false", "0")]
    assert len(set(yes)) == 1 and len(set(no)) == 1
    assert yes[0] + no[0] == total
    assert client.get(f"/api/v1/{path}/", {name: ""}).json()["count"] == total


LISTS = {
    "cities": "province",
    "schools": "city_nc",
    "teachers": "hr_a",
    "certificates": "hr_a",
    "enterprise-periods": "hr_a",
    "mentors": "hr_a",
    "mentor-appointments": "hr_a",
    "training-bases": "base_staff",
    "training-programs": "base_staff",
    "training-completions": "base_staff",
    "users": "province",
}


@pytest.mark.parametrize("path", list(LISTS))
def test_a_search_holding_a_nul_character_is_a_400_naming_search(api, request, path):
    client = api(request.getfixturevalue(LISTS[path]))
    response = client.get(f"/api/v1/{path}/", {"search": "王\x00芳"})
    assert response.status_code == 400, response.content
    body = response.json()
    assert isinstance(body, dict) and list(body) == ["search"], body
    assert isinstance(body["search"], list)


def test_a_search_still_finds_what_it_names(api, hr_a, teacher_a):
    response = api(hr_a).get("/api/v1/teachers/", {"search": "王芳"})
    assert [row["id"] for row in response.json()["results"]] == [teacher_a.pk]


def test_cities_filter_by_code(api, hr_a, school_a):
    response = api(hr_a).get("/api/v1/cities/", {"code": "360400"})
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == ["九江"]


def test_a_teacher_account_may_not_list_cities_whatever_the_filter(api, teacher_a):
    user = testing.make_user("t_a", Role.TEACHER, teacher=teacher_a)
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    assert api(user).get("/api/v1/cities/", {"code": "360400"}).status_code == 403


def test_training_bases_filter_by_code(api, base_staff, province, base_a):
    other = testing.make_base(name="基地乙", city=testing.city("360400"))
    response = api(province).get("/api/v1/training-bases/", {"code": other.code})
    assert [row["id"] for row in response.json()["results"]] == [other.pk]
    # base staff still see only their own base, whatever code they ask for
    assert api(base_staff).get("/api/v1/training-bases/", {"code": other.code}).json()["count"] == 0
    mine = api(base_staff).get("/api/v1/training-bases/", {"code": base_a.code}).json()
    assert [row["id"] for row in mine["results"]] == [base_a.pk]


# The recognition and audit lists keep the same contract (their filters, and DRF's default
# search, which every list without its own backends uses).
RECOGNITION_AND_AUDIT = [
    ("province", "recognition-applications", {"school": "1.5"}, "school"),
    ("province", "recognition-applications", {"city": "-1"}, "city"),
    ("hr_a", "recognitions", {"school": "1e3"}, "school"),
    ("province", "recognitions", {"revoked": "maybe"}, "revoked"),
    ("province", "audit-log", {"object_id": "1.5"}, "object_id"),
    ("province", "audit-log", {"search": "王\x00芳"}, "search"),
    ("province", "recognitions", {"search": "王\x00芳"}, "search"),
]


@pytest.mark.parametrize(("who", "path", "params", "name"), RECOGNITION_AND_AUDIT)
def test_recognition_and_audit_lists_answer_a_bad_parameter_with_a_400_naming_it(
    api, request, who, path, params, name
):
    response = api(request.getfixturevalue(who)).get(f"/api/v1/{path}/", params)
    assert response.status_code == 400, response.content
    assert list(response.json()) == [name]


def test_recognition_and_audit_filters_still_narrow_and_refuse_the_wrong_role(
    api, province, hr_a, school_a, school_b
):
    assert api(province).get("/api/v1/recognitions/", {"revoked": "true"}).json()["count"] == 0
    own = api(province).get("/api/v1/recognition-applications/", {"school": school_b.pk})
    assert own.status_code == 200 and own.json()["count"] == 0
    assert api(hr_a).get("/api/v1/audit-log/", {"object_id": "1"}).status_code == 403

"""``recognition-applications/?status=publicized`` (DESIGN §8): the publicity list, open to
every signed-in user. It holds the publicized applications, each in full for a reader who
reads it in full (its school's HR and city, the teacher, the round's experts, the province)
and as a publicity row for everyone else; one under objection is there too, as a publicized
publicity row, for a reader who does not read it in full (only the province reads
objections; round 46); every filter of the list applies, and each row has a shape the
served schema documents."""

from datetime import date
from typing import Any

import pytest

from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.recognition import services
from shuangshi.recognition.models import Application, Round
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

APPS = "/api/v1/recognition-applications/"
PUBLIC_FIELDS = {
    "id",
    "round",
    "round_code",
    "teacher_name",
    "school_name",
    "level",
    "publicity_until",
    "status",
}


def _qualified(school: Any, name: str) -> Teacher:
    teacher = testing.make_teacher(school, name=name)
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="skill_level", level="grade3", name="电工", issued_on=date(2021, 5, 1)
    )
    return teacher


def _publicize(teacher: Teacher, round: Round, hr: User, province: User) -> Application:
    app = services.application_create(round=round, teacher=teacher, level="junior", user=hr)
    app = services.application_submit(application=app, user=hr)
    app = services.application_school_review(application=app, user=hr, decision="approve")
    return services.application_province_review(application=app, user=province, decision="approve")


@pytest.fixture
def in_publicity(
    qualified_teacher: Teacher,
    school_b: Any,
    hr_a: User,
    hr_b: User,
    province: User,
    round_open: Round,
) -> dict[str, Application]:
    """School A's application publicized; school B's one publicized and one objected to."""
    a = _publicize(qualified_teacher, round_open, hr_a, province)
    b = _publicize(_qualified(school_b, "李红梅"), round_open, hr_b, province)
    objected = _publicize(_qualified(school_b, "赵刚"), round_open, hr_b, province)
    services.application_object(application=objected, user=hr_a, reason="材料存疑")
    return {"a": a, "b": b, "objected": objected}


@pytest.fixture
def readers(
    province: User,
    hr_a: User,
    hr_b: User,
    city_nc: User,
    teacher_user: User,
    expert: User,
    base_staff: User,
) -> dict[str, User]:
    return {
        "province": province,
        "hr_a": hr_a,
        "hr_b": hr_b,
        "city_nc": city_nc,
        "teacher_a": teacher_user,
        "expert_b": expert,
        "base_staff": base_staff,
    }


# Which of the publicized applications each reader reads in full (the others: publicity rows).
IN_FULL = {
    "province": {"a", "b"},
    "hr_a": {"a"},
    "hr_b": {"b"},
    "city_nc": {"a"},  # school A's city
    "teacher_a": {"a"},  # their own
    "expert_b": {"a"},  # their round's, never their own school's
    "base_staff": set(),
}
# Who reads the application under objection in full (as objected: not on this list); to
# everyone else but the province it is one more publicized publicity row.
READS_OBJECTED = {"province", "hr_b"}


@pytest.mark.parametrize("reader", sorted(IN_FULL))
def test_it_lists_the_publicized_ones_only_in_full_where_the_reader_reads_them(
    api: Any,
    readers: dict[str, User],
    in_publicity: dict[str, Application],
    reader: str,
    django_assert_max_num_queries: Any,
) -> None:
    with django_assert_max_num_queries(8):
        response = api(readers[reader]).get(APPS, {"status": "publicized"})
    assert response.status_code == 200
    body = response.json()
    keys = ("a", "b") if reader in READS_OBJECTED else ("a", "b", "objected")
    assert body["count"] == len(keys)
    assert {row["status"] for row in body["results"]} == {"publicized"}
    ids = {in_publicity[key].pk: key for key in keys}
    assert set(ids) == {row["id"] for row in body["results"]}
    for row in body["results"]:
        if ids[row["id"]] in IN_FULL[reader]:
            assert PUBLIC_FIELDS < set(row)
            assert {"eligibility", "history", "votes", "evidence_files", "school"} <= set(row)
        else:
            assert set(row) == PUBLIC_FIELDS


def test_hr_reads_its_own_schools_application_in_full_there_as_elsewhere(
    api: Any, hr_a: User, in_publicity: dict[str, Application]
) -> None:
    a = in_publicity["a"]
    row = next(
        r
        for r in api(hr_a).get(APPS, {"status": "publicized"}).json()["results"]
        if r["id"] == a.pk
    )
    assert row == api(hr_a).get(f"{APPS}{a.pk}/").json()


def test_the_objected_ones_are_listed_by_their_own_status(
    api: Any, province: User, hr_b: User, in_publicity: dict[str, Application]
) -> None:
    for user in (province, hr_b):
        rows = api(user).get(APPS, {"status": "objected"}).json()["results"]
        assert [(r["id"], r["status"]) for r in rows] == [(in_publicity["objected"].pk, "objected")]


def test_every_filter_of_the_list_applies(
    api: Any, hr_b: User, school_a: Any, in_publicity: dict[str, Application]
) -> None:
    def ids(**query: Any) -> list[int]:
        response = api(hr_b).get(APPS, {"status": "publicized", **query})
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    a, b = in_publicity["a"], in_publicity["b"]
    assert ids(school=school_a.pk) == [a.pk]
    assert ids(city=school_a.city_id) == [a.pk]
    assert ids(teacher=b.teacher_id) == [b.pk]
    assert ids(level="senior") == []
    assert ids(level="junior", ordering="id") == [a.pk, b.pk]
    assert ids(school=999999) == []
    # The publicity list is searched by the teacher's name only (all it shows of a person).
    assert ids(search="红梅") == [b.pk]
    assert ids(search=a.teacher.staff_no) == []


@pytest.mark.parametrize("param", ["school", "teacher", "city", "round", "level"])
def test_a_bad_filter_value_is_refused_naming_the_parameter(
    api: Any, hr_b: User, in_publicity: dict[str, Application], param: str
) -> None:
    response = api(hr_b).get(
        APPS, {"status": "publicized", param: "abc"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert list(response.json()) == [param]


def test_no_one_signed_out_reads_it(api: Any, in_publicity: dict[str, Application]) -> None:
    assert api().get(APPS, {"status": "publicized"}).status_code == 401


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def test_each_row_has_a_shape_the_schema_documents(
    api: Any, readers: dict[str, User], in_publicity: dict[str, Application]
) -> None:
    schema = api(readers["province"]).get("/api/schema/", {"format": "json"}).json()
    page = schema["paths"][APPS]["get"]["responses"]["200"]
    listing = _resolve(schema, page["content"]["application/json"]["schema"])
    row = _resolve(schema, listing["properties"]["results"]["items"])
    shapes = [_resolve(schema, s) for s in row.get("anyOf", row.get("oneOf", [row]))]
    assert len(shapes) == 2
    for user in readers.values():
        for query in ({"status": "publicized"}, {}):
            for data in api(user).get(APPS, query).json()["results"]:
                assert any(
                    set(shape["required"]) <= set(data) <= set(shape["properties"])
                    for shape in shapes
                ), data


def test_an_expert_of_another_round_reads_them_as_publicity_rows(
    api: Any, in_publicity: dict[str, Application]
) -> None:
    stranger = testing.make_user("expert_x", Role.EXPERT)
    rows = api(stranger).get(APPS, {"status": "publicized"}).json()["results"]
    assert len(rows) == 3  # the one under objection reads as publicized (round 46)
    assert all(set(row) == PUBLIC_FIELDS for row in rows)
    assert {row["status"] for row in rows} == {"publicized"}

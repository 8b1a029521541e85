"""The teacher export: the user's filters and scope, and it re-imports unchanged."""

from datetime import date

import pytest
from shuangshi import testing
from shuangshi.teachers.models import Teacher

from .books import read_back


def export(client, query=""):
    return client.get(f"/api/v1/exports/teachers/{query}")


def rows_of(response):
    ws = read_back(response.content)["教师"]
    return [[c.value for c in row] for row in ws.iter_rows()]


@pytest.fixture
def staff(school_a, school_b):
    return [
        testing.make_teacher(school_a, name="王芳", course_type="professional", major="电工"),
        testing.make_teacher(
            school_a,
            name="李强",
            course_type="public",
            left_on=date(2024, 1, 31),
            normal_graduate=True,
            title="none",
        ),
        testing.make_teacher(school_b, name="赵敏"),
    ]


def test_an_export_re_imports_without_any_change(api, hr_a, staff, upload):
    client = api(hr_a)
    before = list(Teacher.objects.order_by("id").values())
    body = upload(client, "teachers", export(client).content).json()
    assert (body["status"], body["rows"]) == ("valid", 2), body["errors"]
    result = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert (result["created"], result["updated"], result["unchanged"]) == (0, 0, 2)
    assert list(Teacher.objects.order_by("id").values()) == before


def test_a_province_export_re_imports_across_schools(api, province, staff, upload):
    client = api(province)
    body = upload(client, "teachers", export(client).content).json()
    result = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert (result["created"], result["updated"], result["unchanged"]) == (0, 0, 3)


def test_the_export_keeps_the_users_scope(api, hr_a, staff):
    rows = rows_of(export(api(hr_a)))
    assert rows[0][:2] == ["姓名", "身份证号"]
    assert sorted(r[0] for r in rows[1:]) == ["李强", "王芳"]


def test_the_export_keeps_the_users_filters(api, province, staff):
    rows = rows_of(export(api(province), "?course_type=public"))
    assert [r[0] for r in rows[1:]] == ["李强"]
    rows = rows_of(export(api(province), "?search=赵"))
    assert [r[0] for r in rows[1:]] == ["赵敏"]
    rows = rows_of(export(api(province), f"?school={staff[2].school_id}&active=true"))
    assert [r[0] for r in rows[1:]] == ["赵敏"]


@pytest.mark.parametrize(
    ("search", "names"),
    [
        ("赵", ["赵敏"]),  # one character: the character index on PostgreSQL
        ("王芳", ["王芳"]),
        ("电工", ["王芳"]),  # the major
        ("王芳电", []),  # across the name and the major: in neither
        ("芳 电工", ["王芳"]),  # every term, each in a column of its own
    ],
)
def test_the_export_searches_as_the_teacher_list_does(api, province, staff, search, names):
    client = api(province)
    listed = client.get("/api/v1/teachers/", {"search": search}).json()["results"]
    rows = rows_of(client.get("/api/v1/exports/teachers/", {"search": search}))
    assert sorted(r[0] for r in rows[1:]) == sorted(t["name"] for t in listed) == names


def test_the_export_writes_labels_dates_and_text_id_numbers(api, hr_a, staff):
    rows = rows_of(export(api(hr_a)))
    headers = rows[0]
    li = dict(zip(headers, next(r for r in rows if r[0] == "李强"), strict=True))
    assert li["课程类型"] == "公共基础课"
    assert li["职教师范毕业"] == "是"
    assert li["教学职称"] == "无"
    assert li["身份证号"] == staff[1].id_number
    assert li["离职日期"].date() == date(2024, 1, 31)


def test_a_city_user_gets_masked_id_numbers(api, city_nc, staff):
    rows = rows_of(export(api(city_nc)))
    assert sorted(r[0] for r in rows[1:]) == ["李强", "王芳"]
    assert all("*" in r[1] for r in rows[1:])


@pytest.mark.parametrize("user", ["base_staff"])
def test_base_staff_cannot_export_teachers(api, request, user):
    assert export(api(request.getfixturevalue(user))).status_code == 403


def test_text_that_looks_like_a_formula_stays_text(api, hr_a, school_a, upload):
    testing.make_teacher(school_a, name="=1+1", major='=HYPERLINK("http://x","y")')
    client = api(hr_a)
    content = export(client).content
    ws = read_back(content)["教师"]
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"
    body = upload(client, "teachers", content).json()
    result = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert result["unchanged"] == 1

from datetime import date

import pytest

from shuangshi import testing
from shuangshi.teachers.models import Teacher

URL = "/api/v1/teachers/"


def payload(school, **fields):
    data = testing.teacher_data(school, **fields)
    data["school"] = school.pk
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


def test_hr_registers_a_teacher_in_its_own_school_without_naming_it(api, hr_a, school_a):
    data = payload(school_a)
    del data["school"]
    response = api(hr_a).post(URL, data)
    assert response.status_code == 201, response.json()
    assert Teacher.objects.get(pk=response.json()["id"]).school == school_a


def test_hr_cannot_create_a_teacher_in_another_school(api, hr_a, school_b):
    response = api(hr_a).post(URL, payload(school_b))
    assert response.status_code == 400
    assert "school" in response.json()
    assert not Teacher.objects.exists()


def test_it_hides_other_schools_teachers(api, hr_a, teacher_a, teacher_b):
    client = api(hr_a)
    ids = [row["id"] for row in client.get(URL).json()["results"]]
    assert ids == [teacher_a.pk]
    assert client.get(f"{URL}{teacher_b.pk}/").status_code == 404
    stale = client.patch(f"{URL}{teacher_b.pk}/", {"name": "x", "version": 1})
    assert stale.status_code == 404
    assert client.delete(f"{URL}{teacher_b.pk}/").status_code == 404
    teacher_b.refresh_from_db()
    assert teacher_b.name == "李强"


def test_province_reads_and_writes_every_school(api, province, teacher_a, teacher_b, school_b):
    client = api(province)
    assert client.get(URL).json()["count"] == 2
    response = client.patch(f"{URL}{teacher_a.pk}/", {"school": school_b.pk, "version": 1})
    assert response.status_code == 200, response.json()
    assert response.json()["school"] == school_b.pk


def test_city_reads_its_own_city_only_and_cannot_write(api, city_nc, teacher_a, teacher_b):
    client = api(city_nc)
    ids = [row["id"] for row in client.get(URL).json()["results"]]
    assert ids == [teacher_a.pk]
    assert client.get(f"{URL}{teacher_b.pk}/").status_code == 404
    assert client.patch(f"{URL}{teacher_a.pk}/", {"name": "x", "version": 1}).status_code == 403
    assert client.post(URL, payload(teacher_a.school)).status_code == 403


def test_base_staff_and_anonymous_cannot_browse_teachers(api, base_staff, teacher_a):
    assert api(base_staff).get(URL).status_code == 403
    assert api(base_staff).get(f"{URL}{teacher_a.pk}/").status_code == 403
    assert api().get(URL).status_code == 401


def test_id_numbers_are_masked_for_roles_that_do_not_own_the_teacher(
    api, province, city_nc, hr_a, teacher_a
):
    full = teacher_a.id_number
    masked = full[:4] + "*" * 12 + full[-2:]
    assert api(hr_a).get(f"{URL}{teacher_a.pk}/").json()["id_number"] == full
    assert api(province).get(f"{URL}{teacher_a.pk}/").json()["id_number"] == full
    assert api(city_nc).get(f"{URL}{teacher_a.pk}/").json()["id_number"] == masked


def test_a_stale_update_answers_409_with_the_current_state_and_writes_nothing(api, hr_a, teacher_a):
    client = api(hr_a)
    first = client.patch(f"{URL}{teacher_a.pk}/", {"major": "数控技术", "version": 1})
    assert first.status_code == 200
    assert first.json()["version"] == 2
    second = client.patch(f"{URL}{teacher_a.pk}/", {"major": "会计", "version": 1})
    assert second.status_code == 409
    assert second.json()["current"]["major"] == "数控技术"
    teacher_a.refresh_from_db()
    assert teacher_a.major == "数控技术"


def test_an_update_must_name_the_version_it_read(api, hr_a, teacher_a):
    response = api(hr_a).patch(f"{URL}{teacher_a.pk}/", {"major": "会计"})
    assert response.status_code == 400
    assert "version" in response.json()
    ok = api(hr_a).patch(f"{URL}{teacher_a.pk}/", {"major": "会计"}, HTTP_IF_MATCH='"1"')
    assert ok.status_code == 200


def test_put_is_not_offered(api, hr_a, teacher_a):
    assert api(hr_a).put(f"{URL}{teacher_a.pk}/", payload(teacher_a.school)).status_code == 405


def test_retrieve_sends_the_version_as_etag(api, hr_a, teacher_a):
    assert api(hr_a).get(f"{URL}{teacher_a.pk}/")["ETag"] == '"1"'


def test_hr_deletes_its_own_teacher(api, hr_a, teacher_a):
    assert api(hr_a).delete(f"{URL}{teacher_a.pk}/").status_code == 204
    assert not Teacher.objects.filter(pk=teacher_a.pk).exists()


def test_id_number_is_unique(api, hr_a, school_a, teacher_a):
    data = payload(school_a, birth_date=teacher_a.birth_date)
    data["id_number"] = teacher_a.id_number
    response = api(hr_a).post(URL, data)
    assert response.status_code == 400
    assert "id_number" in response.json()


def _bad(field, value, **extra):
    return pytest.param(field, value, extra, id=f"{field}={value}")


@pytest.mark.parametrize(
    ("field", "value", "extra"),
    [
        _bad("id_number", "360102198506150012"),  # check digit wrong
        _bad("id_number", "36010219850615001"),  # 17 characters
        _bad("gender", "female"),  # disagrees with the ID number
        _bad("birth_date", "1985-06-16"),  # disagrees with the ID number
        _bad("hired_on", "1985-06-15"),  # not after birth
        _bad("left_on", "2010-08-31"),  # before hired
        _bad("teaching_since", "2001-06-14"),  # before age 16
        _bad("employment", "casual"),
        _bad("course_type", "elective"),
        _bad("education", "phd"),
        _bad("title", "professor"),
        _bad("name", ""),
        _bad("birth_date", "1985-13-01"),
    ],
)
def test_each_teacher_rule_rejects_a_bad_value_on_its_field(
    api, hr_a, school_a, field, value, extra
):
    data = payload(school_a, birth_date=date(1985, 6, 15), gender="male")
    data[field] = value
    data.update(extra)
    response = api(hr_a).post(URL, data)
    assert response.status_code == 400, response.json()
    assert field in response.json(), response.json()
    assert not Teacher.objects.exists()


def test_filters_search_and_ordering(api, hr_a, school_a):
    testing.make_teacher(school_a, name="甲", course_type="public")
    testing.make_teacher(school_a, name="乙", left_on=date(2024, 1, 1))
    testing.make_teacher(school_a, name="丙", employment="part_time")
    client = api(hr_a)
    assert [r["name"] for r in client.get(URL, {"course_type": "public"}).json()["results"]] == [
        "甲"
    ]
    assert [r["name"] for r in client.get(URL, {"active": "false"}).json()["results"]] == ["乙"]
    assert client.get(URL, {"employment": "part_time"}).json()["count"] == 1
    assert client.get(URL, {"search": "丙"}).json()["count"] == 1
    names = [r["name"] for r in client.get(URL, {"ordering": "-name"}).json()["results"]]
    assert names == sorted(names, reverse=True)


def test_the_list_runs_a_bounded_number_of_queries(
    api, province, school_a, school_b, django_assert_max_num_queries
):
    for _ in range(30):
        testing.make_teacher(school_a)
        testing.make_teacher(school_b)
    client = api(province)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"page_size": 60})
    assert len(response.json()["results"]) == 60

"""Round 32: the province manages schools; bad input is a 400 on its field; others are refused."""

import pytest

from shuangshi import testing
from shuangshi.schools.models import School

pytestmark = pytest.mark.django_db
URL = "/api/v1/schools/"


def body(city, **changes):
    return {"code": "R32", "name": "新学校", "city": city.pk, "kind": "technical_school", **changes}


@pytest.mark.parametrize("count", [10**12, 2**31, 10**7])
def test_an_absurd_student_count_is_a_400_on_the_field(api, province, count):
    city = testing.city()
    response = api(province).post(URL, body(city, student_count=count), format="json")
    assert response.status_code == 400, response.content
    assert "student_count" in response.json()
    assert not School.objects.filter(code="R32").exists()


def test_an_absurd_student_count_on_an_edit_is_a_400_on_the_field(api, province, school_a):
    response = api(province).patch(
        f"{URL}{school_a.pk}/",
        {"student_count": 10**12, "version": school_a.version},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "student_count" in response.json()


def test_a_negative_student_count_is_a_400_on_the_field(api, province):
    city = testing.city()
    response = api(province).post(URL, body(city, student_count=-1), format="json")
    assert response.status_code == 400
    assert "student_count" in response.json()


def test_a_large_but_real_student_count_is_kept(api, province):
    city = testing.city()
    response = api(province).post(URL, body(city, student_count=60000), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["student_count"] == 60000


def test_a_duplicate_code_on_an_edit_is_a_400_on_the_code(api, province, school_a, school_b):
    response = api(province).patch(
        f"{URL}{school_b.pk}/",
        {"code": school_a.code, "version": school_b.version},
        format="json",
    )
    assert response.status_code == 400
    assert "code" in response.json()


def test_a_stale_version_is_a_conflict_with_the_current_school(api, province, school_a):
    client = api(province)
    first = client.patch(
        f"{URL}{school_a.pk}/", {"name": "甲", "version": school_a.version}, format="json"
    )
    assert first.status_code == 200
    stale = client.patch(
        f"{URL}{school_a.pk}/", {"name": "乙", "version": school_a.version}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["name"] == "甲"


def test_city_and_hr_cannot_create_or_edit_schools(api, city_nc, hr_a, school_a):
    city = testing.city()
    for user in (city_nc, hr_a):
        client = api(user)
        assert client.post(URL, body(city), format="json").status_code == 403
        patched = client.patch(
            f"{URL}{school_a.pk}/", {"name": "x", "version": school_a.version}, format="json"
        )
        assert patched.status_code == 403
        assert client.delete(f"{URL}{school_a.pk}/").status_code == 403
    school_a.refresh_from_db()
    assert school_a.name != "x"
    assert not School.objects.filter(code="R32").exists()

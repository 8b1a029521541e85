from shuangshi import testing
from shuangshi.schools.models import School

URL = "/api/v1/schools/"


def test_every_role_reads_the_twelve_city_units(api, province, base_staff):
    for user in (province, base_staff):
        response = api(user).get("/api/v1/cities/", {"page_size": 50})
        assert response.status_code == 200
        assert response.json()["count"] == 12
    assert api(province).post("/api/v1/cities/", {"code": "1", "name": "x"}).status_code in (
        403,
        405,
    )


def test_province_creates_updates_and_deletes_schools(api, province):
    client = api(province)
    city = testing.city("360700")
    response = client.post(
        URL,
        {"code": "GZ01", "name": "赣州技师学院", "city": city.pk, "kind": "technician_college"},
    )
    assert response.status_code == 201, response.json()
    school_id = response.json()["id"]
    patched = client.patch(f"{URL}{school_id}/", {"student_count": 4200, "version": 1})
    assert patched.json()["student_count"] == 4200
    assert client.delete(f"{URL}{school_id}/").status_code == 204
    assert not School.objects.filter(pk=school_id).exists()


def test_a_school_with_teachers_cannot_be_deleted(api, province, teacher_a):
    response = api(province).delete(f"{URL}{teacher_a.school_id}/")
    assert response.status_code == 400
    assert School.objects.filter(pk=teacher_a.school_id).exists()


def test_a_school_with_mentor_appointments_is_not_deleted_with_them(api, province, hr_a):
    # Round 40 (exploratory QA): the delete went through and took the appointments along;
    # and a school with only teaching hours was refused as "still has teachers or accounts".
    from datetime import date

    from shuangshi.mentors.models import MentorAppointment
    from shuangshi.mentors.tests.conftest import appoint, make_mentor

    school = testing.make_school(name="新建学校", code="QA401")
    appointment = appoint(make_mentor(), school, start_on=date(2024, 9, 1))
    client = api(province)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    response = client.delete(f"{URL}{school.pk}/")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == [
        "This school still has teachers, accounts, mentor appointments or teaching hours, "
        "which are kept with it."
    ]
    assert MentorAppointment.objects.filter(pk=appointment.pk).exists()
    assert api(hr_a).delete(f"{URL}{school.pk}/").status_code == 403


def test_school_kind_and_code_are_validated(api, province):
    client = api(province)
    city = testing.city()
    bad_kind = client.post(URL, {"code": "X1", "name": "x", "city": city.pk, "kind": "college"})
    assert "kind" in bad_kind.json()
    client.post(URL, {"code": "X1", "name": "x", "city": city.pk, "kind": "technical_school"})
    dup = client.post(URL, {"code": "X1", "name": "y", "city": city.pk, "kind": "technical_school"})
    assert dup.status_code == 400
    assert "code" in dup.json()


def test_hr_sees_only_its_school_and_cannot_write(api, hr_a, school_a, school_b):
    client = api(hr_a)
    assert [s["id"] for s in client.get(URL).json()["results"]] == [school_a.pk]
    assert client.get(f"{URL}{school_b.pk}/").status_code == 404
    assert client.patch(f"{URL}{school_a.pk}/", {"name": "x", "version": 1}).status_code == 403


def test_city_sees_its_city_schools(api, city_nc, school_a, school_b):
    ids = [s["id"] for s in api(city_nc).get(URL).json()["results"]]
    assert ids == [school_a.pk]
    assert api(city_nc).post(URL, {"code": "Z"}).status_code == 403


def test_base_staff_cannot_list_schools(api, base_staff, school_a):
    assert api(base_staff).get(URL).status_code == 403


def test_schools_filter_by_city_and_kind(api, province, school_a, school_b):
    client = api(province)
    by_kind = client.get(URL, {"kind": "technician_college"}).json()["results"]
    assert [s["id"] for s in by_kind] == [school_b.pk]
    by_city = client.get(URL, {"city": school_a.city_id}).json()["results"]
    assert [s["id"] for s in by_city] == [school_a.pk]

"""Round 27: a query parameter naming a record with a superscript or other non-ASCII digit.

str.isdigit() takes "²" and int() refuses it: a 500. Such a parameter is now a 400 naming it.
"""

import pytest

pytestmark = pytest.mark.django_db

BAD = ["²", "¹²", "１", "٣", "0", "-1", "1.0", "1e3", "9" * 19]


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("role", ["province", "hr_a"])
def test_mentor_counts_with_a_bad_school_is_a_400(api, request, role, value):
    client = api(request.getfixturevalue(role))
    client.raise_request_exception = False
    response = client.get("/api/v1/mentors/counts/", {"school": value})
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["school"]


def test_mentor_counts_still_take_a_school(api, hr_a, school_a, school_b):
    response = api(hr_a).get("/api/v1/mentors/counts/", {"school": str(school_a.pk)})
    assert response.status_code == 200
    assert [row["school"]["id"] for row in response.json()] == [school_a.pk]
    response = api(hr_a).get("/api/v1/mentors/counts/", {"school": str(school_b.pk)})
    assert response.json() == []


def test_mentor_counts_refuse_a_role_before_reading_the_school(api, base_staff):
    response = api(base_staff).get("/api/v1/mentors/counts/", {"school": "²"})
    assert response.status_code == 403


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize("method", ["get", "post"])
def test_school_workbook_with_a_bad_school_is_a_400(api, hr_a, method, value):
    client = api(hr_a)
    client.raise_request_exception = False
    response = getattr(client, method)(f"/api/v1/exports/school/?school={value}")
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["school"]


def test_school_workbook_refuses_a_role_before_reading_the_school(api, base_staff):
    assert api(base_staff).get("/api/v1/exports/school/?school=²").status_code == 403


def test_school_workbook_without_a_school_is_still_required_of_the_province(api, province):
    response = api(province).get("/api/v1/exports/school/")
    assert response.status_code == 400
    assert list(response.json()) == ["school"]


@pytest.mark.parametrize("value", ["²", "abc", "１"])
@pytest.mark.parametrize("role", ["hr_a", "base_staff"])
def test_publicity_with_a_bad_round_is_a_400(api, request, role, value):
    client = api(request.getfixturevalue(role))
    client.raise_request_exception = False
    response = client.get("/api/v1/recognition-applications/publicity/", {"round": value})
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["round"]


def test_publicity_still_takes_a_round_or_none(api, hr_a):
    url = "/api/v1/recognition-applications/publicity/"
    assert api(hr_a).get(url, {"round": "1"}).status_code == 200
    assert api(hr_a).get(url, {"round": ""}).status_code == 200
    assert api(hr_a).get(url).status_code == 200


def test_publicity_needs_a_signed_in_user(api):
    response = api().get("/api/v1/recognition-applications/publicity/", {"round": "²"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("role", "url", "field"),
    [
        ("hr_a", "/api/v1/mentor-appointments/", "mentor_id_number"),
        ("base_staff", "/api/v1/training-completions/", "teacher_id_number"),
    ],
)
def test_an_id_number_with_a_superscript_digit_finds_no_one(api, request, role, url, field):
    client = api(request.getfixturevalue(role))
    client.raise_request_exception = False
    response = client.post(url, {field: "²" + "60102198506150013"}, format="json")
    assert response.status_code == 400, response.content


def test_a_superscript_major_category_is_a_400_not_a_500(api, hr_a, school_a):
    # "²".isdigit() is true and int("²") raises: the category parser took it for a code.
    response = api(hr_a).post(
        "/api/v1/teaching-hours/",
        {
            "school": school_a.pk,
            "term": "2026-2027-1",
            "major_category": "²",
            "total_hours": 100,
            "practical_hours": 50,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "major_category" in response.json()

from datetime import date

import pytest

from shuangshi import testing
from shuangshi.mentors.models import Mentor

from .conftest import appoint, make_mentor, mentor_data

pytestmark = pytest.mark.django_db

URL = "/api/v1/mentors/"
LOOKUP = f"{URL}lookup/"


def payload(**fields):
    data = mentor_data(**fields)
    data["birth_date"] = data["birth_date"].isoformat()
    return data


def test_school_hr_register_a_mentor(api, hr_a):
    response = api(hr_a).post(URL, payload(name="周工"), format="json")
    assert response.status_code == 201, response.data
    assert response.data["age"] >= 50
    assert Mentor.objects.filter(name="周工").exists()


def test_gender_and_birth_date_come_from_the_id_number_when_left_out(api, hr_a):
    data = payload(gender="female", birth_date=date(1980, 3, 5))
    del data["gender"], data["birth_date"]
    response = api(hr_a).post(URL, data, format="json")
    assert response.status_code == 201, response.data
    assert response.data["gender"] == "female"
    assert response.data["birth_date"] == "1980-03-05"


def test_a_bad_check_digit_is_refused(api, hr_a):
    data = payload()
    last = data["id_number"][-1]
    data["id_number"] = data["id_number"][:-1] + ("1" if last != "1" else "2")
    response = api(hr_a).post(URL, data, format="json")
    assert response.status_code == 400
    assert "id_number" in response.data


def test_gender_and_birth_date_must_agree_with_the_id_number(api, hr_a):
    data = payload(gender="male")
    data["gender"] = "female"
    data["birth_date"] = "1975-04-03"
    response = api(hr_a).post(URL, data, format="json")
    assert response.status_code == 400
    assert set(response.data) == {"gender", "birth_date"}


def test_a_mentor_is_registered_once(api, hr_a, hr_b, mentor_a):
    data = payload()
    data["id_number"] = mentor_a.id_number.lower()
    response = api(hr_b).post(URL, data, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "look them up" in str(response.data["id_number"])


@pytest.mark.parametrize("who", ["city_nc", "base_staff"])
def test_cities_and_base_staff_cannot_register_mentors(api, request, who):
    user = request.getfixturevalue(who)
    assert api(user).post(URL, payload(), format="json").status_code == 403


def test_school_hr_see_only_mentors_appointed_at_their_school(api, hr_a, mentor_a, mentor_b):
    response = api(hr_a).get(URL)
    assert [m["id"] for m in response.data["results"]] == [mentor_a.pk]
    assert response.data["results"][0]["id_number"] == mentor_a.id_number
    assert api(hr_a).get(f"{URL}{mentor_b.pk}/").status_code == 404
    patch = {"title": "改", "version": mentor_b.version}
    assert api(hr_a).patch(f"{URL}{mentor_b.pk}/", patch, format="json").status_code == 404


def test_a_mentor_serving_two_schools_is_listed_once(api, hr_a, school_a, mentor_a):
    appoint(mentor_a, school_a, mode="research", start_on=date(2024, 1, 1))
    assert api(hr_a).get(URL).data["count"] == 1


def test_the_city_reads_its_schools_mentors_with_masked_id_numbers(
    api, city_nc, mentor_a, mentor_b
):
    response = api(city_nc).get(URL)
    assert [m["id"] for m in response.data["results"]] == [mentor_a.pk]
    assert "*" in response.data["results"][0]["id_number"]
    assert api(city_nc).patch(f"{URL}{mentor_a.pk}/", {"version": 1}).status_code == 403


def test_base_staff_do_not_see_mentors(api, base_staff, mentor_a):
    assert api(base_staff).get(URL).status_code == 403


def test_school_hr_edit_their_mentor(api, hr_a, mentor_a):
    url = f"{URL}{mentor_a.pk}/"
    response = api(hr_a).patch(url, {"skills": "焊接", "version": 1}, format="json")
    assert response.status_code == 200
    assert response.data["skills"] == "焊接"
    assert api(hr_a).patch(url, {"skills": "x", "version": 1}, format="json").status_code == 409


def test_only_the_province_deletes_a_mentor(api, hr_a, province):
    mentor = make_mentor()
    appointment = appoint(mentor, testing.make_school())
    url = f"{URL}{mentor.pk}/"
    assert api(province).delete(url).status_code == 400  # still appointed
    appointment.delete()
    assert api(province).delete(url).status_code == 204
    kept = make_mentor()
    appoint(kept, hr_a.school)
    assert api(hr_a).delete(f"{URL}{kept.pk}/").status_code == 403


def test_mentors_filter_by_category_and_search(api, province, mentor_a, mentor_b):
    assert api(province).get(URL, {"category": "craftsman"}).data["count"] == 1
    assert api(province).get(URL, {"search": "陶瓷"}).data["count"] == 1


def test_listing_mentors_takes_a_bounded_number_of_queries(
    api, hr_a, school_a, django_assert_max_num_queries
):
    for _ in range(15):
        appoint(make_mentor(), school_a)
    with django_assert_max_num_queries(5):
        response = api(hr_a).get(URL)
    assert response.data["count"] == 15


# --------------------------------------------------------------------------- lookup


def test_school_hr_find_a_mentor_registered_elsewhere_by_exact_id(api, hr_a, mentor_b):
    response = api(hr_a).post(LOOKUP, {"id_number": mentor_b.id_number}, format="json")
    assert response.status_code == 200
    assert response.data == {"id": mentor_b.pk, "name": "陈师傅", "enterprise": "景德镇陶瓷厂"}


def test_an_unknown_mentor_answers_404(api, hr_a):
    unknown = make_mentor().id_number
    Mentor.objects.filter(id_number=unknown).delete()
    assert api(hr_a).post(LOOKUP, {"id_number": unknown}, format="json").status_code == 404


def test_a_malformed_lookup_answers_400(api, hr_a):
    assert api(hr_a).post(LOOKUP, {"id_number": "12345"}, format="json").status_code == 400


@pytest.mark.parametrize("who", ["city_nc", "base_staff"])
def test_cities_and_base_staff_cannot_look_mentors_up(api, request, who, mentor_b):
    user = request.getfixturevalue(who)
    response = api(user).post(LOOKUP, {"id_number": mentor_b.id_number}, format="json")
    assert response.status_code == 403


# --------------------------------------------------------------------------- counts


def test_counts_per_school_by_mode_and_part_time_track(
    api, hr_a, province, school_a, school_b, mentor_a, mentor_b
):
    # mentor_a: teaching at school_a since 2023-09-01 (two years by 2025-09-01).
    appoint(mentor_a, school_a, mode="project", start_on=date(2025, 1, 1))
    recent = make_mentor()
    appoint(recent, school_a, start_on=date(2025, 3, 1))
    old = make_mentor(birth_date=date(1950, 1, 1))
    appoint(old, school_a, start_on=date(2020, 1, 1))
    ended = make_mentor()
    appoint(ended, school_a, start_on=date(2020, 1, 1), end_on=date(2024, 12, 31))

    response = api(hr_a).get(f"{URL}counts/", {"as_of": "2025-09-01"})
    assert response.status_code == 200
    assert len(response.data) == 1
    row = response.data[0]
    assert row["school"]["id"] == school_a.pk
    assert row["mentors"] == 3
    assert row["by_mode"] == {"teaching": 3, "research": 0, "project": 1}
    assert row["part_time_track"] == 1

    everyone = api(province).get(f"{URL}counts/", {"as_of": "2025-09-01"}).data
    assert {r["school"]["id"]: r["mentors"] for r in everyone} == {
        school_a.pk: 3,
        school_b.pk: 1,
    }


def test_base_staff_cannot_read_mentor_counts(api, base_staff):
    assert api(base_staff).get(f"{URL}counts/").status_code == 403


def test_filtering_by_another_school_reveals_nothing(api, hr_a, school_b, mentor_a):
    appoint(mentor_a, school_b)
    assert api(hr_a).get(URL, {"school": hr_a.school_id}).data["count"] == 1
    assert api(hr_a).get(URL, {"school": school_b.pk}).data["count"] == 0


def test_counts_refuse_a_bad_school_or_date(api, province):
    assert api(province).get(f"{URL}counts/", {"school": "x"}).status_code == 400
    assert api(province).get(f"{URL}counts/", {"as_of": "2025-13-01"}).status_code == 400


def test_each_mentor_says_whether_this_user_may_edit_it(
    api, province, city_nc, hr_a, school_a, school_b, mentor_a, mentor_b
):
    # mentor_b serves school B; appointed at school A too, the record becomes the province's.
    appoint(mentor_b, school_a, mode="research", start_on=date(2024, 1, 1))

    def editable(user):
        return {m["id"]: m["editable"] for m in api(user).get(URL).data["results"]}

    assert editable(hr_a) == {mentor_a.pk: True, mentor_b.pk: False}
    assert editable(province) == {mentor_a.pk: True, mentor_b.pk: True}
    assert set(editable(city_nc).values()) == {False}
    # What the flag says is what the update does.
    patch = {"skills": "焊接", "version": mentor_b.version}
    assert api(hr_a).patch(f"{URL}{mentor_b.pk}/", patch, format="json").status_code == 403
    assert api(hr_a).get(f"{URL}{mentor_a.pk}/").data["editable"] is True

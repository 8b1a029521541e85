from datetime import date, timedelta

import pytest

from shuangshi import testing
from shuangshi.common.idnumbers import make_id_number
from shuangshi.training.models import TrainingCompletion

from .conftest import make_completion, make_program

pytestmark = pytest.mark.django_db

URL = "/api/v1/training-completions/"
LOOKUP = f"{URL}lookup-teacher/"


def payload(program, teacher, **fields):
    values = {
        "program": program.pk,
        "teacher_id_number": teacher.id_number,
        "completed_on": "2025-07-31",
        "hours": 40,
        "passed": True,
        "certificate_no": "JL-2025-001",
    }
    values.update(fields)
    return values


# --------------------------------------------------------------------------- lookup


def test_base_staff_find_a_teacher_by_exact_id_number(api, base_staff, teacher_b):
    response = api(base_staff).post(LOOKUP, {"id_number": teacher_b.id_number}, format="json")
    assert response.status_code == 200
    assert response.data == {
        "id": teacher_b.pk,
        "name": "李强",
        "school_name": "九江技师学院",
    }


def test_the_lookup_accepts_a_lower_case_check_character(api, base_staff, school_a):
    birth = date(1980, 1, 1)
    # About one ID number in eleven ends in X: take the first such sequence number.
    id_number = next(
        value
        for seq in range(1, 1000, 2)
        if (value := make_id_number("360111", birth, seq, "male")).endswith("X")
    )
    teacher = testing.make_teacher(school_a, id_number=id_number, birth_date=birth, gender="male")
    response = api(base_staff).post(
        LOOKUP, {"id_number": f" {teacher.id_number.lower()} "}, format="json"
    )
    assert response.status_code == 200
    assert response.data["id"] == teacher.pk


def test_an_unknown_id_number_answers_404(api, base_staff):
    unknown = testing.new_id_number(birth=date(1971, 3, 9))
    response = api(base_staff).post(LOOKUP, {"id_number": unknown}, format="json")
    assert response.status_code == 404


def test_a_malformed_id_number_answers_400(api, base_staff, teacher_a):
    bad = teacher_a.id_number[:-1] + ("0" if teacher_a.id_number[-1] != "0" else "1")
    response = api(base_staff).post(LOOKUP, {"id_number": bad}, format="json")
    assert response.status_code == 400
    assert "id_number" in response.data


@pytest.mark.parametrize("who", ["hr_a", "city_nc"])
def test_schools_and_cities_cannot_use_the_lookup(api, request, who, teacher_b):
    user = request.getfixturevalue(who)
    response = api(user).post(LOOKUP, {"id_number": teacher_b.id_number}, format="json")
    assert response.status_code == 403


def test_base_staff_can_never_list_or_browse_teachers(api, base_staff, teacher_a):
    assert api(base_staff).get("/api/v1/teachers/").status_code == 403
    assert api(base_staff).get(f"/api/v1/teachers/{teacher_a.pk}/").status_code == 403
    assert api(base_staff).get("/api/v1/certificates/").status_code == 403


# --------------------------------------------------------------------------- logging


def test_base_staff_log_a_completion_by_id_number(api, base_staff, program_a, teacher_b):
    response = api(base_staff).post(URL, payload(program_a, teacher_b), format="json")
    assert response.status_code == 201, response.data
    data = response.data
    assert data["teacher"] == teacher_b.pk
    assert data["teacher_name"] == "李强"
    assert data["school_name"] == "九江技师学院"
    assert data["base"] == program_a.base_id
    assert "teacher_id_number" not in data
    assert "id_number" not in data


def test_base_staff_cannot_name_an_untrained_teacher_by_id(api, base_staff, program_a, teacher_b):
    data = payload(program_a, teacher_b)
    del data["teacher_id_number"]
    data["teacher"] = teacher_b.pk
    response = api(base_staff).post(URL, data, format="json")
    assert response.status_code == 400
    assert "teacher" in response.data


def test_an_unknown_id_number_is_refused(api, base_staff, program_a, teacher_b):
    unknown = testing.new_id_number(birth=date(1971, 3, 9))
    data = payload(program_a, teacher_b, teacher_id_number=unknown)
    response = api(base_staff).post(URL, data, format="json")
    assert response.status_code == 400
    assert "teacher_id_number" in response.data


def test_a_completion_needs_a_teacher(api, base_staff, program_a, teacher_b):
    data = payload(program_a, teacher_b)
    del data["teacher_id_number"]
    assert api(base_staff).post(URL, data, format="json").status_code == 400


def test_base_staff_cannot_log_at_another_bases_programme(api, base_staff, program_b, teacher_a):
    response = api(base_staff).post(URL, payload(program_b, teacher_a), format="json")
    assert response.status_code == 400
    assert "program" in response.data
    assert not TrainingCompletion.objects.exists()


@pytest.mark.parametrize("who", ["hr_a", "city_nc"])
def test_school_hr_and_cities_cannot_log_completions(api, request, who, program_a, teacher_a):
    user = request.getfixturevalue(who)
    response = api(user).post(URL, payload(program_a, teacher_a), format="json")
    assert response.status_code == 403
    assert not TrainingCompletion.objects.exists()


def test_the_province_logs_a_completion_by_teacher_id(api, province, program_a, teacher_a):
    data = payload(program_a, teacher_a)
    del data["teacher_id_number"]
    data["teacher"] = teacher_a.pk
    assert api(province).post(URL, data, format="json").status_code == 201


def test_hours_cannot_exceed_the_programmes_hours(api, base_staff, program_a, teacher_a):
    response = api(base_staff).post(URL, payload(program_a, teacher_a, hours=81), format="json")
    assert response.status_code == 400
    assert "hours" in response.data
    ok = api(base_staff).post(URL, payload(program_a, teacher_a, hours=80), format="json")
    assert ok.status_code == 201


@pytest.mark.parametrize("day", ["2025-06-30", "2025-08-01"])
def test_the_date_must_fall_within_the_programme(api, base_staff, program_a, teacher_a, day):
    data = payload(program_a, teacher_a, completed_on=day)
    response = api(base_staff).post(URL, data, format="json")
    assert response.status_code == 400
    assert "completed_on" in response.data


@pytest.mark.parametrize("day", ["2025-07-01", "2025-07-31"])
def test_the_programmes_first_and_last_days_are_allowed(api, base_staff, program_a, teacher_a, day):
    data = payload(program_a, teacher_a, completed_on=day)
    assert api(base_staff).post(URL, data, format="json").status_code == 201


def test_a_completion_cannot_be_dated_in_the_future(api, base_staff, base_a, teacher_a):
    today = date.today()
    program = make_program(base_a, start_on=today, end_on=today + timedelta(days=30))
    tomorrow = (today + timedelta(days=1)).isoformat()
    data = payload(program, teacher_a, completed_on=tomorrow)
    response = api(base_staff).post(URL, data, format="json")
    assert response.status_code == 400
    assert "completed_on" in response.data


def test_a_teacher_completes_a_programme_once(api, base_staff, program_a, teacher_a):
    first = api(base_staff).post(URL, payload(program_a, teacher_a), format="json")
    assert first.status_code == 201
    again = api(base_staff).post(URL, payload(program_a, teacher_a), format="json")
    assert again.status_code == 400
    assert "teacher" in again.data
    assert TrainingCompletion.objects.count() == 1


def test_base_staff_correct_a_completion(api, base_staff, program_a, teacher_a):
    completion = make_completion(program_a, teacher_a, hours=30, passed=False)
    url = f"{URL}{completion.pk}/"
    patch = {"hours": 60, "passed": True, "version": completion.version}
    response = api(base_staff).patch(url, patch, format="json")
    assert response.status_code == 200, response.data
    assert response.data["hours"] == 60
    # A correction is checked like a new record, and an old version is refused.
    bad = api(base_staff).patch(url, {"hours": 500, "version": 2}, format="json")
    assert bad.status_code == 400
    stale = api(base_staff).patch(url, {"hours": 50, "version": 1}, format="json")
    assert stale.status_code == 409


def test_base_staff_delete_a_completion(api, base_staff, program_a, teacher_a):
    completion = make_completion(program_a, teacher_a)
    assert api(base_staff).delete(f"{URL}{completion.pk}/").status_code == 204
    assert not TrainingCompletion.objects.exists()


def test_base_staff_cannot_touch_another_bases_completions(api, base_staff, program_b, teacher_a):
    completion = make_completion(program_b, teacher_a)
    url = f"{URL}{completion.pk}/"
    assert api(base_staff).get(url).status_code == 404
    patch = {"hours": 1, "version": completion.version}
    assert api(base_staff).patch(url, patch, format="json").status_code == 404
    assert api(base_staff).delete(url).status_code == 404


def test_school_hr_cannot_change_or_delete_completions(api, hr_a, program_a, teacher_a):
    completion = make_completion(program_a, teacher_a)
    url = f"{URL}{completion.pk}/"
    patch = {"hours": 1, "version": completion.version}
    assert api(hr_a).patch(url, patch, format="json").status_code == 403
    assert api(hr_a).delete(url).status_code == 403


# --------------------------------------------------------------------------- reading


def test_school_hr_read_only_their_teachers_completions(
    api, hr_a, program_a, program_b, teacher_a, teacher_b
):
    mine = make_completion(program_a, teacher_a)
    other = make_completion(program_b, teacher_b)
    response = api(hr_a).get(URL)
    assert [c["id"] for c in response.data["results"]] == [mine.pk]
    assert api(hr_a).get(f"{URL}{other.pk}/").status_code == 404


def test_the_city_reads_its_schools_completions(api, city_nc, program_a, teacher_a, teacher_b):
    make_completion(program_a, teacher_a)
    make_completion(program_a, teacher_b)
    assert api(city_nc).get(URL).data["count"] == 1


def test_base_staff_read_only_what_their_base_logged(
    api, base_staff, program_a, program_b, teacher_a, teacher_b
):
    mine = make_completion(program_a, teacher_b)
    make_completion(program_b, teacher_a)
    response = api(base_staff).get(URL)
    assert [c["id"] for c in response.data["results"]] == [mine.pk]


def test_the_province_reads_all_and_filters(
    api, province, program_a, program_b, teacher_a, teacher_b
):
    make_completion(program_a, teacher_a)
    make_completion(program_b, teacher_b, passed=False)
    assert api(province).get(URL).data["count"] == 2
    assert api(province).get(URL, {"base": program_b.base_id}).data["count"] == 1
    assert api(province).get(URL, {"passed": "false"}).data["count"] == 1
    assert api(province).get(URL, {"school": teacher_a.school_id}).data["count"] == 1


def test_listing_completions_takes_a_bounded_number_of_queries(
    api, base_staff, base_a, school_a, django_assert_max_num_queries
):
    for n in range(12):
        program = make_program(base_a, title=f"课程{n}")
        make_completion(program, testing.make_teacher(school_a))
    with django_assert_max_num_queries(6):
        response = api(base_staff).get(URL)
    assert response.data["count"] == 12


def test_the_list_shows_the_newest_completions_first(api, province, base_staff, base_a, school_a):
    """Newest first, ties in the order they were logged (the index completion_list_order)."""
    july = make_program(base_a, start_on=date(2025, 7, 1), end_on=date(2025, 7, 31))
    march = make_program(base_a, start_on=date(2025, 3, 1), end_on=date(2025, 3, 31))
    logged = [
        make_completion(march, testing.make_teacher(school_a), completed_on=date(2025, 3, 31)),
        make_completion(july, testing.make_teacher(school_a), completed_on=date(2025, 7, 20)),
        make_completion(july, testing.make_teacher(school_a), completed_on=date(2025, 7, 20)),
        make_completion(march, testing.make_teacher(school_a), completed_on=date(2025, 3, 10)),
    ]
    newest_first = [logged[1].pk, logged[2].pk, logged[0].pk, logged[3].pk]
    for user in (province, base_staff):
        response = api(user).get(URL)
        assert [c["id"] for c in response.data["results"]] == newest_first

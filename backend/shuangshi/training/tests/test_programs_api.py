from datetime import date

import pytest

from shuangshi.training.models import TrainingProgram

from .conftest import make_completion, make_program

pytestmark = pytest.mark.django_db

URL = "/api/v1/training-programs/"


def payload(**fields):
    values = {
        "title": "工业机器人运维师资培训",
        "kind": "skill_training",
        "hours": 60,
        "start_on": "2025-08-01",
        "end_on": "2025-08-20",
    }
    values.update(fields)
    return values


def test_base_staff_create_programmes_at_their_own_base(api, base_staff, base_a):
    response = api(base_staff).post(URL, payload(), format="json")
    assert response.status_code == 201, response.data
    assert response.data["base"] == base_a.pk
    assert response.data["base_name"] == base_a.name


def test_base_staff_cannot_create_a_programme_at_another_base(api, base_staff, base_b):
    response = api(base_staff).post(URL, payload(base=base_b.pk), format="json")
    assert response.status_code == 400
    assert "base" in response.data
    assert not TrainingProgram.objects.filter(base=base_b).exists()


def test_base_staff_cannot_see_or_touch_another_bases_programmes(api, base_staff, program_b):
    url = f"{URL}{program_b.pk}/"
    assert api(base_staff).get(url).status_code == 404
    patch = {"title": "改", "version": program_b.version}
    assert api(base_staff).patch(url, patch, format="json").status_code == 404
    assert api(base_staff).delete(url).status_code == 404
    assert api(base_staff).get(URL).data["count"] == 0


def test_base_staff_change_their_programme(api, base_staff, program_a):
    url = f"{URL}{program_a.pk}/"
    patch = {"hours": 90, "version": program_a.version}
    response = api(base_staff).patch(url, patch, format="json")
    assert response.status_code == 200, response.data
    assert response.data["hours"] == 90
    assert response.data["version"] == program_a.version + 1


def test_base_staff_cannot_move_a_programme_to_another_base(api, base_staff, program_a, base_b):
    patch = {"base": base_b.pk, "version": program_a.version}
    response = api(base_staff).patch(f"{URL}{program_a.pk}/", patch, format="json")
    assert response.status_code == 400


def test_the_province_creates_a_programme_at_a_named_base(api, province, base_b):
    response = api(province).post(URL, payload(base=base_b.pk), format="json")
    assert response.status_code == 201
    assert api(province).post(URL, payload(), format="json").status_code == 400


@pytest.mark.parametrize("who", ["hr_a", "city_nc"])
def test_schools_and_cities_read_programmes_but_cannot_write(api, request, who, program_a):
    user = request.getfixturevalue(who)
    assert api(user).get(URL).data["count"] == 1
    assert api(user).post(URL, payload(base=program_a.base_id), format="json").status_code == 403
    patch = {"title": "改", "version": program_a.version}
    assert api(user).patch(f"{URL}{program_a.pk}/", patch, format="json").status_code == 403


def test_a_programme_cannot_end_before_it_starts(api, base_staff):
    response = api(base_staff).post(URL, payload(end_on="2025-07-01"), format="json")
    assert response.status_code == 400
    assert "end_on" in response.data


def test_a_programme_needs_at_least_one_hour(api, base_staff):
    response = api(base_staff).post(URL, payload(hours=0), format="json")
    assert response.status_code == 400
    assert "hours" in response.data


def test_a_programme_cannot_shrink_below_its_completions(api, base_staff, program_a, teacher_a):
    make_completion(program_a, teacher_a, hours=80, completed_on=date(2025, 7, 20))
    url = f"{URL}{program_a.pk}/"
    response = api(base_staff).patch(
        url, {"hours": 40, "start_on": "2025-07-21", "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert set(response.data) == {"hours", "start_on"}


def test_a_programme_with_completions_cannot_be_deleted(api, base_staff, program_a, teacher_a):
    make_completion(program_a, teacher_a)
    response = api(base_staff).delete(f"{URL}{program_a.pk}/")
    assert response.status_code == 400
    assert TrainingProgram.objects.filter(pk=program_a.pk).exists()


def test_an_empty_programme_can_be_deleted(api, base_staff, program_a):
    assert api(base_staff).delete(f"{URL}{program_a.pk}/").status_code == 204


def test_programmes_filter_by_base_and_kind(api, province, program_a, program_b):
    assert api(province).get(URL, {"base": program_a.base_id}).data["count"] == 1
    assert api(province).get(URL, {"kind": "enterprise_practice"}).data["count"] == 1


def test_listing_programmes_takes_a_bounded_number_of_queries(
    api, province, base_a, django_assert_max_num_queries
):
    for n in range(15):
        make_program(base_a, title=f"课程{n}")
    with django_assert_max_num_queries(6):
        response = api(province).get(URL)
    assert response.data["count"] == 15

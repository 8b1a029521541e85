"""Round 32: a base's status change takes effect on a date in the app's range (1950–2100)."""

import pytest

from shuangshi import testing
from shuangshi.training.models import TrainingBase

pytestmark = pytest.mark.django_db
URL = "/api/v1/training-bases/"


def new_base(**changes):
    return {
        "code": "B32",
        "name": "新基地",
        "host_name": "某企业",
        "host_kind": "enterprise",
        "city": testing.city().pk,
        "designation": "dual_qualified",
        "status": "planned",
        **changes,
    }


@pytest.mark.parametrize("day", ["1800-01-01", "1949-12-31", "2101-01-01", "9999-12-31"])
def test_a_base_created_with_an_effective_date_out_of_range_is_refused(api, province, day):
    response = api(province).post(URL, new_base(effective_on=day), format="json")
    assert response.status_code == 400, response.content
    assert "effective_on" in response.json()
    assert not TrainingBase.objects.filter(code="B32").exists()


def test_a_status_change_dated_out_of_range_is_refused(api, province, base_a):
    response = api(province).patch(
        f"{URL}{base_a.pk}/",
        {"status": "suspended", "effective_on": "1800-01-01", "version": base_a.version},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "effective_on" in response.json()
    base_a.refresh_from_db()
    assert base_a.status == "active"


def test_the_range_message_matches_the_other_dates(api, province):
    response = api(province).post(
        URL, new_base(effective_on="1800-01-01"), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json()["effective_on"] == ["Choose a date between 1950-01-01 and 2100-12-31."]


def test_an_effective_date_in_range_is_kept_in_the_history(api, province):
    response = api(province).post(URL, new_base(effective_on="2024-03-01"), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status_history"][0]["effective_on"] == "2024-03-01"

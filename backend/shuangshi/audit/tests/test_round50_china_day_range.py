"""Round 50 (QA): the audit log's `since`/`until` range (1950-01-01 to 2100-12-31) is of days
in China, as every date parameter's: it was checked on the moment moved to UTC, so the audit
page's own "from 1950-01-01" (1950-01-01T00:00:00+08:00) was refused and moments on
2101-01-01 in China before 08:00 were taken."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/audit-log/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
RANGE = ["Choose a date between 1950-01-01 and 2100-12-31."]


@pytest.mark.parametrize("name", ["since", "until"])
@pytest.mark.parametrize(
    "value",
    [
        "1950-01-01",
        "1950-01-01T00:00:00",
        "1950-01-01T00:00:00+08:00",
        "1949-12-31T16:00:00Z",
        "2100-12-31T23:59:59+08:00",
        "2100-12-31T15:59:59Z",
    ],
)
def test_the_first_and_last_days_in_china_are_in_range(api, province, name, value):
    response = api(province).get(URL, {name: value}, **EN)
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("name", ["since", "until"])
@pytest.mark.parametrize(
    "value",
    [
        "2101-01-01",
        "2101-01-01T00:00:00+08:00",
        "2101-01-01T07:59:59+08:00",
        "2100-12-31T16:00:00Z",
        "1949-12-31T23:59:59+08:00",
        "1949-12-31T15:59:59Z",
    ],
)
def test_a_moment_on_a_day_out_of_range_in_china_is_a_400_naming_it(api, province, name, value):
    response = api(province).get(URL, {name: value}, **EN)
    assert response.status_code == 400, response.content
    assert response.json() == {name: RANGE}


def test_the_moment_still_filters_as_given(api, province, teacher_a):
    """The entries of teacher_a's creation are after 1950 in any zone, before 2100's end."""
    client = api(province)
    assert client.get(URL, {"since": "1950-01-01T00:00:00+08:00"}).json()["count"] >= 1
    assert client.get(URL, {"until": "1950-01-01T00:00:00+08:00"}).json()["count"] == 0


def test_a_city_reader_is_refused_on_any_moment(api, city_nc):
    assert api(city_nc).get(URL, {"since": "1950-01-01T00:00:00+08:00"}).status_code == 403

"""A moment outside 1950-01-01 to 2100-12-31 is a 400 naming its parameter with the range,
however far out: near year 1 or 9999 moving it to UTC overflowed, and the answer named no
parameter ({"non_field_errors": ["A value is out of range."]})."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/audit-log/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
RANGE = ["Choose a date between 1950-01-01 and 2100-12-31."]


@pytest.mark.parametrize("name", ["since", "until"])
@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01",
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00+14:00",
        "0001-01-01T05:00:00+08:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31",
        "9999-12-31T23:59:59",
        "9999-12-31T23:59:59-10:00",
        "9999-12-31T20:00:00-08:00",
        "1949-12-31T23:59:59",
        "2101-01-01T00:00:00Z",
    ],
)
def test_an_out_of_range_moment_is_a_400_naming_it(api, province, name, value):
    response = api(province).get(URL, {name: value}, **EN)
    assert response.status_code == 400, response.content
    assert response.json() == {name: RANGE}


def test_moments_in_range_still_filter(api, province, teacher_a):
    client = api(province)
    everything = client.get(URL, {"since": "1950-01-02", "until": "2100-12-30T23:59:59Z"})
    assert everything.status_code == 200, everything.content
    assert everything.json()["count"] >= 1
    assert client.get(URL, {"until": "1950-01-02T00:00:00+08:00"}).json()["count"] == 0


def test_school_hr_is_refused_whatever_the_moment(api, hr_a):
    assert api(hr_a).get(URL, {"since": "0001-01-01"}).status_code == 403

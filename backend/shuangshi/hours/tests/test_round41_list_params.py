"""The list's `term` and `major_category` are checked as the writes and the shares check them
(hours.validation): a value that could name no row is a 400 naming it, not an empty list."""

import pytest

from shuangshi.hours import services
from shuangshi.hours.models import TeachingHours

pytestmark = pytest.mark.django_db

URL = "/api/v1/teaching-hours/"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TERM_FORM = "Write the term as 2026-2027-1 (school year, then 1 or 2)."
TERM_YEARS = "The school year must be between 2000 and 2100."
NOT_A_CATEGORY = (
    "Not a major category: write one of the 19 category codes (41–59) or a category name, or "
    "leave it blank for the whole school's total."
)


def record(school, term="2026-2027-1", major="", total=1000, practical=600):
    return services.teaching_hours_create(
        data={
            "school": school,
            "term": term,
            "major_category": major,
            "total_hours": total,
            "practical_hours": practical,
        }
    )


@pytest.mark.parametrize(
    "value, message",
    [
        ("bogus", TERM_FORM),
        ("2026-2027-3", TERM_FORM),
        ("2026-2028-1", TERM_FORM),
        ("２０２６-2027-1", TERM_FORM),
        ("1999-2000-1", TERM_YEARS),
        ("2101-2102-1", TERM_YEARS),
    ],
)
@pytest.mark.parametrize("who", ["province", "hr_a", "city_nc"])
def test_a_term_that_names_no_term_is_a_400_naming_it_as_the_shares_say(
    request, api, who, value, message
):
    client = api(request.getfixturevalue(who))
    listed = client.get(URL, {"term": value}, **EN)
    shares = client.get(f"{URL}shares/", {"term": value}, **EN)
    assert listed.status_code == 400, listed.content
    assert listed.json() == {"term": [message]}
    assert shares.status_code == 400, shares.content
    assert shares.json() == {"term": [message]}


@pytest.mark.parametrize("value", ["99", "60", "80", "x", "４６"])
@pytest.mark.parametrize("who", ["province", "hr_a"])
def test_a_major_category_that_names_none_is_a_400_naming_it(request, api, who, value):
    response = api(request.getfixturevalue(who)).get(URL, {"major_category": value}, **EN)
    assert response.status_code == 400, response.content
    assert response.json() == {"major_category": [NOT_A_CATEGORY]}


def test_a_category_filters_by_its_code_its_secondary_code_or_its_name(api, hr_a, school_a):
    equipment = record(school_a, major="46")
    record(school_a, major="51")
    record(school_a, total=2000, practical=1200)  # the whole school's total: not less
    client = api(hr_a)
    for value in ("46", "66", "装备制造", " 46 "):
        response = client.get(URL, {"major_category": value})
        assert response.status_code == 200, response.content
        assert [row["id"] for row in response.json()["results"]] == [equipment.pk]


def test_a_term_stored_ahead_before_terms_were_bounded_is_still_listed(api, province, school_a):
    ahead = TeachingHours.objects.create(
        school=school_a, term="2099-2100-1", total_hours=10, practical_hours=10
    )
    record(school_a)
    response = api(province).get(URL, {"term": "2099-2100-1"})
    assert response.status_code == 200, response.content
    assert [row["id"] for row in response.json()["results"]] == [ahead.pk]


def test_an_empty_term_or_category_narrows_nothing(api, province, school_a):
    record(school_a)
    response = api(province).get(URL, {"term": "", "major_category": ""})
    assert response.status_code == 200 and response.json()["count"] == 1


def test_base_staff_is_refused_the_list_whatever_it_asks(api, base_staff):
    assert api(base_staff).get(URL, {"term": "bogus"}).status_code == 403
    assert api(base_staff).get(URL, {"term": "2026-2027-1"}).status_code == 403

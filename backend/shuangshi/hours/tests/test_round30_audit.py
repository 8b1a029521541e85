"""Round 30 audit of the practical hours (DESIGN §9): the term is written "2026-2027-1"."""

import pytest
from django.core.exceptions import ValidationError

from shuangshi.hours import services
from shuangshi.hours.models import TeachingHours
from shuangshi.hours.validation import term_error

pytestmark = pytest.mark.django_db

URL = "/api/v1/teaching-hours/"


@pytest.mark.parametrize(
    "term",
    [
        "２０２６-２０２７-1",  # full-width digits
        "٢٠٢٦-٢٠٢٧-1",  # Arabic-Indic digits
        "2026-2027-1\n",  # a trailing line break
    ],
)
def test_a_term_in_other_digits_or_with_a_line_break_is_refused(term, school_a):
    assert term_error(term) is not None
    with pytest.raises(ValidationError) as exc:
        services.teaching_hours_create(
            data={
                "school": school_a,
                "term": term,
                "major_category": "",
                "total_hours": 10,
                "practical_hours": 5,
            }
        )
    assert "term" in exc.value.message_dict
    assert not TeachingHours.objects.exists()


def test_the_api_refuses_a_term_in_full_width_digits(api, hr_a):
    body = {"term": "２０２６-２０２７-1", "total_hours": 10, "practical_hours": 5}
    r = api(hr_a).post(URL, body)
    assert r.status_code == 400 and "term" in r.json()
    assert not TeachingHours.objects.exists()
    ok = api(hr_a).post(URL, {"term": "2026-2027-1", "total_hours": 10, "practical_hours": 5})
    assert ok.status_code == 201 and ok.json()["term"] == "2026-2027-1"


def test_the_shares_refuse_a_term_in_full_width_digits(api, province):
    r = api(province).get(f"{URL}shares/", {"term": "２０２６-２０２７-1"})
    assert r.status_code == 400 and "term" in r.json()

"""Round 50 (QA): the schools' ratio list searched the whole text as one piece, so
"南昌 技师" found nothing where every other list finds the schools with both words, and a
search of spaces alone (or a full-width space) was a 400 where every other list reads it as
no search. Both paths: today's stored results and another date's evaluation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.qualification import services

pytestmark = pytest.mark.django_db

URL = "/api/v1/ratios/schools/"


@pytest.fixture
def schools(school_a, school_b):
    technician = testing.make_school(name="南昌技师学院", city=testing.city("360100"))
    for school in (school_a, school_b, technician):
        testing.make_teacher(school)
    services.qualifications_rebuild()
    return school_a, school_b, technician


def names(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return sorted(row["school"]["name"] for row in response.json()["results"])


@pytest.mark.parametrize("dated", [False, True])
def test_every_word_must_be_in_the_name_or_the_code(api, province, schools, dated):
    school_a, _school_b, technician = schools
    extra = {"as_of": (timezone.localdate() - timedelta(days=1)).isoformat()} if dated else {}
    client = api(province)
    assert names(client, search="南昌 技师", **extra) == [technician.name]
    assert names(client, search="南昌　学院", **extra) == sorted([school_a.name, technician.name])
    assert names(client, search=f"{technician.code} 南昌", **extra) == [technician.name]
    assert names(client, search="南昌 九江", **extra) == []


@pytest.mark.parametrize("blank", ["   ", "　", " \u3000 "])
def test_spaces_alone_are_no_search(api, province, schools, blank):
    client = api(province)
    assert names(client, search=blank) == names(client)
    assert len(names(client)) == 3


def test_base_staff_are_refused_whatever_the_search(api, base_staff):
    assert api(base_staff).get(URL, {"search": "南昌 技师"}).status_code == 403

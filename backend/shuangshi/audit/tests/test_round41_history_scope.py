"""Round 41 (exploratory QA, authorization):

1. A teacher's history listed every audit entry of their recognition applications. After a
   move, the new school's HR (and its city) read the old school's application there, with
   its statement and every review opinion, though the application itself answers 404 to
   them (DESIGN §8: it stays with the school that submitted it). The history now keeps only
   the entries of applications the reader may open.
2. A teacher reading their own history saw their birth date cut to its year, as a reader
   who may not see their full ID number does, though their record shows both (DESIGN §8).
"""

from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import Role
from shuangshi.recognition import services as recognition
from shuangshi.recognition.models import Application
from shuangshi.teachers import services as teachers

pytestmark = pytest.mark.django_db


def _history(api, user, teacher):
    response = api(user).get(f"/api/v1/teachers/{teacher.pk}/history/", {"page_size": 100})
    assert response.status_code == 200, response.json()
    return response.json()["results"]


def _application_entries(entries):
    kind = ContentType.objects.get_for_model(Application)
    ids = set(LogEntry.objects.filter(content_type=kind).values_list("pk", flat=True))
    return [e for e in entries if e["id"] in ids]


@pytest.fixture
def applied(school_a, hr_a):
    teacher = testing.make_teacher(school_a, name="王小明")
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="skill_level", level="grade3", name="电工", issued_on=date(2021, 5, 1)
    )
    today = timezone.localdate()
    expert = testing.make_user("expert_x", Role.EXPERT)
    round_ = recognition.round_create(
        data={
            "code": "JX2026Q",
            "name": "2026年第一批",
            "opens_on": today - timedelta(days=5),
            "closes_on": today + timedelta(days=5),
            "publicity_days": 0,
            "experts": [expert],
        }
    )
    application = recognition.application_create(
        round=round_, teacher=teacher, level="junior", statement="本人情况说明", user=hr_a
    )
    recognition.application_submit(application=application, user=hr_a)
    recognition.application_school_review(
        application=application, user=hr_a, decision="approve", opinion="材料齐全，同意推荐"
    )
    return teacher


def test_the_new_schools_hr_does_not_read_the_old_schools_application(
    api, province, hr_a, hr_b, school_b, applied
):
    assert _application_entries(_history(api, hr_a, applied))  # the submitting school does
    teachers.teacher_update(teacher=applied, data={"school": school_b}, user=province)
    assert (
        api(hr_b).get(f"/api/v1/recognition-applications/?teacher={applied.pk}").json()["count"]
        == 0
    )
    entries = _history(api, hr_b, applied)
    assert entries  # the teacher's own entries, the move included
    assert _application_entries(entries) == []
    assert "材料齐全" not in str(entries)
    assert _application_entries(_history(api, province, applied))  # the province reads all


def test_a_teacher_reads_their_own_birth_date_in_full_in_their_history(api, hr_a, teacher_a):
    """ID numbers are stored masked in every entry (for every reader); the birth date is
    cut to its year for a reader who may not see the full ID number, which the teacher may."""
    born = date(1986, 3, 9)
    new = testing.new_id_number(birth=born, gender=teacher_a.gender)
    response = api(hr_a).patch(
        f"/api/v1/teachers/{teacher_a.pk}/",
        {"id_number": new, "birth_date": born.isoformat(), "version": teacher_a.version},
        format="json",
    )
    assert response.status_code == 200, response.json()

    def births(user):
        entries = _history(api, user, teacher_a)
        return [e["changes"]["birth_date"] for e in entries if "birth_date" in e["changes"]]

    me = testing.make_user("t_self", Role.TEACHER, teacher=teacher_a)
    # Newest first: the change, then the creation.
    assert births(me) == [["1985-06-15", "1986-03-09"], [None, "1985-06-15"]]
    assert births(hr_a) == births(me)
    city = testing.make_user("city_x", Role.CITY, city=teacher_a.school.city)
    assert births(city) == [["1985", "1986"], [None, "1985"]]

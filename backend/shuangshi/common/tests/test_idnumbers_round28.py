"""Round 28: ID numbers stored before round 27 with full-width digits are rewritten in the one
stored form (teachers 0015, mentors 0002), so that the person is found by the number as it
is typed now; a number whose normal form another record holds is left (one person twice:
only the school can merge them)."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from shuangshi import testing
from shuangshi.common.idnumbers import make_id_number
from shuangshi.mentors.models import Mentor
from shuangshi.teachers.models import Teacher

from .test_idnumbers_round27 import _make_mentor, full_width, full_width_body

pytestmark = pytest.mark.django_db


def _migrate(name):
    importlib.import_module(name).to_ascii(apps, None)


def _legacy_teacher(school, number, **fields):
    """A teacher as the API stored one before round 27: written past the service on purpose."""
    teacher = testing.make_teacher(school, **fields)
    Teacher.objects.filter(pk=teacher.pk).update(id_number=number)
    return teacher


def test_teachers_full_width_numbers_become_ascii_unless_taken(api, hr_a, base_staff):
    school = hr_a.school
    plain = testing.make_teacher(school)
    body = make_id_number("360104", date(1980, 3, 3), 101, "male")
    typed = _legacy_teacher(school, full_width_body(body))
    lower_x = make_id_number("360105", date(1981, 4, 4), 0, "female")
    while not lower_x.endswith("X"):  # a number whose check character is X
        lower_x = make_id_number("360105", date(1981, 4, 4), int(lower_x[14:17]) + 2, "female")
    typed_x = _legacy_teacher(school, full_width(lower_x[:17]) + "ｘ")
    twin = _legacy_teacher(school, full_width(plain.id_number))  # the same person twice

    _migrate("shuangshi.teachers.migrations.0015_ascii_id_numbers")
    got = dict(Teacher.objects.values_list("pk", "id_number"))
    assert got == {
        plain.pk: plain.id_number,
        typed.pk: body,
        typed_x.pk: lower_x,
        twin.pk: full_width(plain.id_number),  # left: its normal form is taken
    }
    _migrate("shuangshi.teachers.migrations.0015_ascii_id_numbers")  # twice: nothing more
    assert dict(Teacher.objects.values_list("pk", "id_number")) == got

    # Found now by the number as typed today (ASCII), and a new registration of it refused.
    url = "/api/v1/training-completions/lookup-teacher/"
    found = api(base_staff).post(url, {"id_number": body}, format="json")
    assert found.status_code == 200 and found.data["id"] == typed.pk
    again = testing.teacher_data(None, id_number=body, birth_date=date(1980, 3, 3))  # type: ignore[arg-type]
    again.pop("school")
    payload = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in again.items()}
    response = api(hr_a).post("/api/v1/teachers/", payload, format="json")
    assert response.status_code == 400 and list(response.data) == ["id_number"]


def test_mentors_full_width_numbers_become_ascii_unless_taken(api, hr_a, base_staff):
    mentor = _make_mentor()
    number = make_id_number("360106", date(1972, 5, 5), 303, "male")
    typed = _make_mentor(id_number=make_id_number("360106", date(1972, 5, 5), 305, "male"))
    Mentor.objects.filter(pk=typed.pk).update(id_number=full_width(number))
    twin = _make_mentor(id_number=make_id_number("360106", date(1972, 5, 5), 307, "male"))
    Mentor.objects.filter(pk=twin.pk).update(id_number=full_width(mentor.id_number))

    _migrate("shuangshi.mentors.migrations.0002_ascii_id_numbers")
    assert dict(Mentor.objects.values_list("pk", "id_number")) == {
        mentor.pk: mentor.id_number,
        typed.pk: number,
        twin.pk: full_width(mentor.id_number),
    }
    found = api(hr_a).post("/api/v1/mentors/lookup/", {"id_number": number}, format="json")
    assert found.status_code == 200 and found.data["id"] == typed.pk
    assert api(base_staff).post("/api/v1/mentors/lookup/", {"id_number": number}).status_code == 403

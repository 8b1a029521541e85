"""Round 32: base staff naming a teacher by ID number get the real reason for a bad one."""

import pytest

from shuangshi.training.models import TrainingCompletion

pytestmark = pytest.mark.django_db

URL = "/api/v1/training-completions/"
LOOKUP = f"{URL}lookup-teacher/"


def payload(program, id_number):
    return {
        "program": program.pk,
        "teacher_id_number": id_number,
        "completed_on": "2025-07-31",
        "hours": 40,
        "passed": True,
    }


def typo_of(id_number: str) -> str:
    """The same number with its check character mistyped."""
    return id_number[:-1] + ("0" if id_number[-1] != "0" else "1")


@pytest.mark.parametrize("mangle", [typo_of, lambda n: n[:10]])
def test_a_malformed_id_number_says_so_when_logging(api, base_staff, program_a, teacher_b, mangle):
    """A mistyped ID number is not "no teacher has this ID number": the clerk would look for
    a teacher that is there. It answers as the lookup does (the number's own fault)."""
    bad = mangle(teacher_b.id_number)
    client = api(base_staff)
    lookup = client.post(LOOKUP, {"id_number": bad}, format="json")
    response = client.post(URL, payload(program_a, bad), format="json")
    assert response.status_code == 400
    assert response.data["teacher_id_number"] == lookup.data["id_number"]
    assert not TrainingCompletion.objects.exists()


def test_a_well_formed_unknown_id_number_still_says_no_teacher(api, base_staff, program_a):
    from datetime import date

    from shuangshi import testing

    unknown = testing.new_id_number(birth=date(1971, 3, 9))
    response = api(base_staff).post(URL, payload(program_a, unknown), format="json")
    assert response.status_code == 400
    assert response.data["teacher_id_number"] == ["没有该居民身份证号对应的教师。"]


@pytest.mark.parametrize("hours", [-1, 0])
def test_completion_hours_below_one_say_at_least_one(api, base_staff, program_a, teacher_b, hours):
    body = {**payload(program_a, teacher_b.id_number), "hours": hours}
    r = api(base_staff).post(URL, body, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400
    assert r.json()["hours"] == ["Ensure this value is greater than or equal to 1."]

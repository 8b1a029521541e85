from datetime import timedelta

import pytest
from django.utils import timezone

from shuangshi import testing
from shuangshi.accounts.models import User
from shuangshi.qualification.models import TeacherQualification

from .conftest import make_completion, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("root", password="pw-root-1", role="province")
    client.force_login(user)
    return client


@pytest.mark.parametrize("page", ["trainingbase", "trainingprogram", "trainingcompletion"])
def test_the_admin_lists_open(admin_client, page, program_a, teacher_a):
    make_completion(program_a, teacher_a)
    assert admin_client.get(f"/admin/training/{page}/").status_code == 200


def test_the_admin_refuses_a_suspension_that_leaves_a_completion_off_operating_days(
    admin_client, base_a, school_a
):
    # Round 34 (it used to re-evaluate the teacher as not qualified, without a word).
    today = timezone.localdate()
    teacher = testing.make_teacher(school_a)
    testing.make_certificate(teacher)
    program = make_program(base_a, hours=40, start_on=today - timedelta(days=3), end_on=today)
    make_completion(program, teacher, hours=40)
    assert TeacherQualification.objects.get(teacher=teacher).qualified is True
    response = admin_client.post(
        f"/admin/training/trainingbase/{base_a.pk}/change/",
        {
            "code": base_a.code,
            "name": base_a.name,
            "host_name": base_a.host_name,
            "host_kind": base_a.host_kind,
            "city": base_a.city_id,
            "designation": base_a.designation,
            "approved_on": "",
            "status": "suspended",
        },
    )
    assert response.status_code == 200  # the form again, with the reason
    assert teacher.name in response.content.decode()
    base_a.refresh_from_db()
    assert base_a.status == "active"
    assert TeacherQualification.objects.get(teacher=teacher).qualified is True

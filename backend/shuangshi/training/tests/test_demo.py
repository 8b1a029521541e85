import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from shuangshi.accounts.models import User
from shuangshi.common.idnumbers import parse_id_number
from shuangshi.mentors.demo import load_mentor_demo
from shuangshi.mentors.models import Mentor, MentorAppointment
from shuangshi.mentors.selectors import mentor_counts_by_school
from shuangshi.training.demo import load_training_demo
from shuangshi.training.models import TrainingBase, TrainingCompletion, TrainingProgram

pytestmark = pytest.mark.django_db


def test_the_demo_has_twenty_bases_programmes_completions_and_mentors():
    call_command("seed_demo")
    bases = TrainingBase.objects.all()
    assert bases.count() == 20
    assert {b.status for b in bases} == {"planned", "active", "suspended"}
    assert {b.host_kind for b in bases} == {"enterprise", "school"}
    assert bases.values("city").distinct().count() >= 10
    staff = User.objects.get(username="base_a")
    assert staff.training_base.code == "TB01"
    assert staff.training_base.status == "active"
    assert staff.check_password("shuangshi-demo")
    assert TrainingProgram.objects.filter(base__status="planned").count() == 0
    assert TrainingProgram.objects.filter(base=staff.training_base).exists()
    today = timezone.localdate()
    for c in TrainingCompletion.objects.select_related("program"):
        assert c.program.start_on <= c.completed_on <= c.program.end_on <= today
        assert c.hours <= c.program.hours
    assert TrainingCompletion.objects.filter(passed=False).exists()
    assert Mentor.objects.count() == 40
    for mentor in Mentor.objects.all():
        info = parse_id_number(mentor.id_number)
        assert (info.gender, info.birth_date) == (mentor.gender, mentor.birth_date)
    assert MentorAppointment.objects.exists()
    counts = mentor_counts_by_school(None, today)
    assert sum(c["part_time_track"] for c in counts.values()) > 0


def test_the_demo_loaders_add_nothing_the_second_time():
    call_command("seed_demo")
    sizes = (
        TrainingBase.objects.count(),
        TrainingProgram.objects.count(),
        TrainingCompletion.objects.count(),
        Mentor.objects.count(),
        MentorAppointment.objects.count(),
    )
    training = load_training_demo(rng=random.Random(7))
    mentors = load_mentor_demo(rng=random.Random(7))
    assert (training.bases, training.programs, training.completions) == (0, 0, 0)
    assert (mentors.mentors, mentors.appointments) == (0, 0)
    assert sizes == (
        TrainingBase.objects.count(),
        TrainingProgram.objects.count(),
        TrainingCompletion.objects.count(),
        Mentor.objects.count(),
        MentorAppointment.objects.count(),
    )

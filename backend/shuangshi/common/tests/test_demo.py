import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from shuangshi.accounts.models import User
from shuangshi.common.idnumbers import parse_id_number
from shuangshi.schools.models import School
from shuangshi.teachers.models import Teacher


@pytest.mark.django_db
def test_demo_loads_once_with_valid_ids_and_every_account():
    call_command("seed_demo")
    schools, teachers = School.objects.count(), Teacher.objects.count()
    assert schools == 30
    assert 1400 <= teachers <= 1700
    assert set(School.objects.values_list("kind", flat=True).distinct()) == {
        "higher_vocational",
        "secondary_vocational",
        "technician_college",
        "senior_technical_school",
        "technical_school",
    }
    assert School.objects.values("city").distinct().count() == 12
    for id_number in Teacher.objects.values_list("id_number", flat=True)[:300]:
        parse_id_number(id_number)
    names = set(User.objects.values_list("username", flat=True))
    assert {"province", "city_nc", "hr_a", "hr_b", "base_a"} <= names
    assert User.objects.get(username="hr_a").check_password("shuangshi-demo")
    call_command("seed_demo")
    assert (School.objects.count(), Teacher.objects.count()) == (schools, teachers)


@pytest.mark.django_db
@override_settings(ALLOW_DEMO_DATA=False)
def test_demo_is_refused_in_production():
    with pytest.raises(CommandError, match="refused"):
        call_command("seed_demo")
    assert not School.objects.exists()

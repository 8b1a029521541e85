import pytest
from django.test import Client

from shuangshi import testing
from shuangshi.qualification.models import RuleProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(db):
    user = testing.make_user("root", testing.Role.PROVINCE)
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client()
    client.force_login(user)
    return client


def test_admin_adds_a_profile_version_on_top_of_the_current(admin_client, school_a):
    testing.make_teacher(school_a)
    url = "/admin/qualification/ruleprofile/add/"
    response = admin_client.post(url, {"values": '{"practice_min_days": 200}', "note": "admin"})
    assert response.status_code == 302, response.content[:500]
    row = RuleProfile.objects.get()
    assert (row.version, row.values["practice_min_days"], row.created_by.username) == (
        1,
        200,
        "root",
    )
    assert admin_client.get("/admin/qualification/ruleprofile/").status_code == 200


def test_admin_refuses_an_invalid_profile(admin_client):
    url = "/admin/qualification/ruleprofile/add/"
    response = admin_client.post(url, {"values": '{"skill_min_grade": "grade9"}', "note": ""})
    assert response.status_code == 200  # the form again, with the error
    assert b"skill_min_grade" in response.content
    assert not RuleProfile.objects.exists()

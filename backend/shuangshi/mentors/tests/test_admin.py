import pytest

from shuangshi.accounts.models import User
from shuangshi.mentors.models import MentorAppointment

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("root", password="pw-root-1", role="province")
    client.force_login(user)
    return client


@pytest.mark.parametrize("page", ["mentor", "mentorappointment"])
def test_the_admin_lists_open(admin_client, page, mentor_a):
    assert admin_client.get(f"/admin/mentors/{page}/").status_code == 200
    assert admin_client.get(f"/admin/mentors/mentor/{mentor_a.pk}/change/").status_code == 200


def test_the_admin_refuses_an_overlapping_appointment(admin_client, mentor_a, school_a):
    response = admin_client.post(
        "/admin/mentors/mentorappointment/add/",
        {
            "mentor": mentor_a.pk,
            "school": school_a.pk,
            "mode": "teaching",
            "start_on": "2024-01-01",
            "end_on": "",
            "hours": 10,
        },
    )
    assert response.status_code == 200  # the form again, with the error
    # The services' own message, in the admin's language (Chinese by default), on its field.
    assert response.context["adminform"].form.errors["start_on"] == [
        "该导师在本校已有一项“兼职任教”聘任（2023-09-01 至 长期），与所填日期重叠。"
    ]
    assert MentorAppointment.objects.filter(mentor=mentor_a).count() == 1

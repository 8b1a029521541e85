"""Round 45 (QA): a staff number (工号) already used by another teacher of the same school
was taken. It names one person in their school (their account is named after it), so a
current teacher's number is refused to another current teacher of the school (compared
NFKC, trimmed, in any case); other schools, blank numbers and the numbers of teachers who
have left stay free (teachers.validation.staff_no_to_check)."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from shuangshi import testing
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

URL = "/api/v1/teachers/"
TAKEN = "Another current teacher of this school has this staff number."


def payload(school: Any, **fields: Any) -> dict[str, Any]:
    data = testing.teacher_data(school, **fields)
    data["school"] = school.pk
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


def english(client: Any) -> Any:
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


@pytest.mark.parametrize("typed", ["JX-0007", " jx-0007 ", "ＪＸ－０００７"])
def test_hr_cannot_create_a_second_teacher_with_a_staff_number(api, hr_a, school_a, typed):
    testing.make_teacher(school_a, staff_no="JX-0007")
    response = english(api(hr_a)).post(URL, payload(school_a, staff_no=typed), format="json")
    assert response.status_code == 400, response.json()
    assert response.json() == {"staff_no": [TAKEN]}
    assert Teacher.objects.count() == 1


def test_hr_cannot_give_a_teacher_another_s_number(api, hr_a, school_a):
    testing.make_teacher(school_a, staff_no="JX-0007")
    other = testing.make_teacher(school_a, staff_no="JX-0008")
    response = english(api(hr_a)).patch(
        f"{URL}{other.pk}/", {"staff_no": "jx-0007", "version": other.version}, format="json"
    )
    assert response.status_code == 400, response.json()
    assert response.json() == {"staff_no": [TAKEN]}
    other.refresh_from_db()
    assert other.staff_no == "JX-0008"


def test_other_schools_blank_numbers_and_the_teacher_s_own_edit_are_free(
    api, hr_a, hr_b, school_a, school_b
):
    mine = testing.make_teacher(school_a, staff_no="JX-0007")
    client = english(api(hr_a))
    assert api(hr_b).post(URL, payload(school_b, staff_no="JX-0007")).status_code == 201
    for _ in range(2):
        assert client.post(URL, payload(school_a, staff_no=""), format="json").status_code == 201
    edit = {"staff_no": "jx-0007", "major": "数控技术", "version": mine.version}
    assert client.patch(f"{URL}{mine.pk}/", edit, format="json").status_code == 200


def test_a_departed_teacher_s_number_may_be_given_to_a_new_hire(api, hr_a, school_a):
    today = timezone.localdate()
    gone = testing.make_teacher(school_a, staff_no="JX-0007", left_on=today - timedelta(days=1))
    client = english(api(hr_a))
    response = client.post(URL, payload(school_a, staff_no="JX-0007"), format="json")
    assert response.status_code == 201, response.json()
    # ...and the departed teacher coming back is refused while the new hire holds it.
    back = {"left_on": None, "version": gone.version}
    response = client.patch(f"{URL}{gone.pk}/", back, format="json")
    assert response.status_code == 400
    assert response.json() == {"staff_no": [TAKEN]}


def test_a_teacher_leaving_later_still_holds_the_number(api, hr_a, school_a):
    later = timezone.localdate() + timedelta(days=30)
    testing.make_teacher(school_a, staff_no="JX-0007", left_on=later)
    response = english(api(hr_a)).post(URL, payload(school_a, staff_no="JX-0007"))
    assert response.status_code == 400


def test_a_province_move_into_a_school_where_the_number_is_taken(api, province, school_a, school_b):
    testing.make_teacher(school_a, staff_no="JX-0007")
    mover = testing.make_teacher(school_b, staff_no="JX-0007")
    response = english(api(province)).patch(
        f"{URL}{mover.pk}/", {"school": school_a.pk, "version": mover.version}, format="json"
    )
    assert response.status_code == 400, response.json()
    assert response.json() == {"staff_no": [TAKEN]}


def test_a_refused_role_cannot_create_at_all(api, city_nc, school_a):
    response = api(city_nc).post(URL, payload(school_a, staff_no="JX-0009"), format="json")
    assert response.status_code == 403


def test_the_service_refuses_it_for_every_writer(school_a):
    testing.make_teacher(school_a, staff_no="JX-0007")
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        testing.make_teacher(school_a, staff_no="JX-0007")
    assert refused.value.message_dict == {"staff_no": [TAKEN]}


def test_stored_duplicates_from_before_the_rule_stay_editable(api, hr_a, school_a):
    first = testing.make_teacher(school_a, staff_no="JX-0007")
    second = testing.make_teacher(school_a, staff_no="JX-0008")
    Teacher.objects.filter(pk=second.pk).update(staff_no="JX-0007")  # as an old install holds
    second.refresh_from_db()
    edit = {"major": "数控技术", "version": second.version}
    assert english(api(hr_a)).patch(f"{URL}{second.pk}/", edit, format="json").status_code == 200
    assert first.staff_no == "JX-0007"


# ----------------------------------------------------------------- the admin (round 45)


def _posted(form: Any) -> dict[str, Any]:
    """The admin form's values as a browser posts them."""
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = (
            "on" if value is True else (value.isoformat() if isinstance(value, date) else value)
        )
    return data


def test_the_admin_shows_a_refused_staff_number_on_the_form(client, school_a):
    """The service's refusal reached the admin as a server error; it is shown on the form
    now, the typed values kept, nothing saved."""
    from shuangshi.accounts.models import User

    root = User.objects.create_superuser("root45", password="pw-root-1", role="province")
    client.force_login(root)
    testing.make_teacher(school_a, staff_no="JX-0007")
    other = testing.make_teacher(school_a, staff_no="JX-0008")
    url = f"/admin/teachers/teacher/{other.pk}/change/"
    data = _posted(client.get(url).context["adminform"].form)
    data.update(staff_no="JX-0007", major="数控技术")
    with translation.override("en"):
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["staff_no"] == [TAKEN]
    assert form["major"].value() == "数控技术"  # what was typed is kept
    other.refresh_from_db()
    assert (other.staff_no, other.major) == ("JX-0008", "机电一体化")

"""Round 27: an ID number is ASCII digits and X (DESIGN §3), one spelling per person.

str.isdigit() and int() also take full-width (IME) digits, superscripts and other scripts'
digits: a full-width copy of a registered number was stored as a second person, and "²" made
int() raise outside the try (a 500). The API now keeps the importer's normal form (NFKC).
"""

from datetime import date

import pytest
from django.utils.translation import gettext

from shuangshi import testing
from shuangshi.common.idnumbers import (
    InvalidIdNumber,
    make_id_number,
    normalize_id_number,
    parse_id_number,
)
from shuangshi.mentors import services as mentor_services
from shuangshi.mentors.models import Mentor
from shuangshi.teachers.models import Teacher
from shuangshi.teachers.validation import registered_elsewhere, registered_here

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
X_ID = "11010519491231002X"


def full_width(number: str) -> str:
    return number.translate(FULL_WIDTH)


def full_width_body(number: str) -> str:
    """Typed with an IME: the 17 digits full-width, the check character not (it once passed)."""
    return number[:17].translate(FULL_WIDTH) + number[17]


def test_normalize_makes_full_width_digits_and_x_ascii():
    assert normalize_id_number(f" {full_width(X_ID)} ") == X_ID
    assert normalize_id_number(X_ID.lower()) == X_ID
    assert normalize_id_number("²") == "2"


@pytest.mark.parametrize(
    "value",
    [
        full_width(X_ID),  # not normalised: the caller's job
        X_ID.translate(ARABIC_INDIC),
        "²" + X_ID[1:],
        "¹¹⁰¹⁰⁵¹⁹⁴⁹¹²³¹⁰⁰²X",
        X_ID[:17] + "x",
    ],
)
def test_parse_refuses_anything_but_ascii_digits_and_x(value):
    with pytest.raises(InvalidIdNumber) as caught:
        parse_id_number(value)
    assert caught.value.reason == "must be 17 digits followed by a digit or X"


def test_normal_form_of_other_scripts_digits_is_still_refused():
    with pytest.raises(InvalidIdNumber):
        parse_id_number(normalize_id_number(X_ID.translate(ARABIC_INDIC)))


# --- through the API ---------------------------------------------------------------------


def _teacher_payload(**fields):
    data = testing.teacher_data(None, **fields)  # type: ignore[arg-type]
    data.pop("school")
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


def _make_mentor(**fields):
    number = make_id_number("360103", date(1975, 4, 2), 777, "male")
    values = {
        "name": "刘工",
        "id_number": number,
        "gender": "male",
        "birth_date": date(1975, 4, 2),
        "enterprise": "江铃汽车股份有限公司",
        "category": "engineer",
        "title": "高级工程师",
        "skills": "整车装配工艺",
        **fields,
    }
    return mentor_services.mentor_create(data=values)


def _mentor_payload(number: str) -> dict:
    return {
        "name": "周工",
        "id_number": number,
        "enterprise": "江铃汽车股份有限公司",
        "category": "engineer",
        "title": "高级工程师",
        "skills": "整车装配工艺",
    }


@pytest.mark.django_db
def test_hr_cannot_register_another_schools_teacher_again_in_full_width(api, hr_a, hr_b):
    teacher = testing.make_teacher(hr_a.school)
    for number in (full_width_body(teacher.id_number), full_width(teacher.id_number)):
        body = _teacher_payload(id_number=number)
        response = api(hr_b).post("/api/v1/teachers/", body, format="json")
        assert response.status_code == 400, response.data
        assert response.data == {"id_number": [registered_elsewhere()]}
    assert Teacher.objects.count() == 1


@pytest.mark.django_db
def test_hr_cannot_register_their_own_teacher_again_in_full_width(api, hr_a):
    teacher = testing.make_teacher(hr_a.school)
    body = _teacher_payload(id_number=full_width_body(teacher.id_number))
    response = api(hr_a).post("/api/v1/teachers/", body, format="json")
    assert response.status_code == 400, response.data
    assert response.data == {"id_number": [registered_here()]}


@pytest.mark.django_db
def test_a_new_full_width_number_is_stored_in_ascii(api, hr_a):
    body = _teacher_payload()
    number = body["id_number"]
    body["id_number"] = full_width_body(number)
    response = api(hr_a).post("/api/v1/teachers/", body, format="json")
    assert response.status_code == 201, response.data
    assert Teacher.objects.get(pk=response.data["id"]).id_number == number


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", ["superscript", "arabic_indic"])
def test_hr_gets_a_400_on_the_id_number_not_a_500(api, hr_a, spelling):
    body = _teacher_payload()
    number = body["id_number"]
    body["id_number"] = (
        "²" + number[1:] if spelling == "superscript" else number.translate(ARABIC_INDIC)
    )
    response = api(hr_a).post("/api/v1/teachers/", body, format="json")
    assert response.status_code == 400, response.data
    assert list(response.data) == ["id_number"]


@pytest.mark.django_db
def test_a_role_that_may_not_register_teachers_is_refused_first(api, base_staff):
    body = _teacher_payload(id_number="²" + "60102198506150013")
    assert api(base_staff).post("/api/v1/teachers/", body, format="json").status_code == 403


@pytest.mark.django_db
def test_hr_cannot_register_a_mentor_again_in_full_width(api, hr_a, hr_b):
    mentor = _make_mentor()
    payload = _mentor_payload(full_width_body(mentor.id_number))
    response = api(hr_b).post("/api/v1/mentors/", payload, format="json")
    assert response.status_code == 400, response.data
    assert list(response.data) == ["id_number"]
    taken = gettext("A mentor with this ID number is already registered; look them up to appoint.")
    assert response.data["id_number"] == [taken]
    assert Mentor.objects.count() == 1


@pytest.mark.django_db
def test_hr_registers_a_mentor_with_a_superscript_digit_as_a_400(api, hr_a):
    response = api(hr_a).post("/api/v1/mentors/", _mentor_payload("²" * 18), format="json")
    assert response.status_code == 400, response.data
    assert list(response.data) == ["id_number"]


@pytest.mark.django_db
def test_hr_finds_a_mentor_by_the_full_width_spelling(api, hr_a, base_staff):
    mentor = _make_mentor()
    body = {"id_number": full_width(mentor.id_number)}
    response = api(hr_a).post("/api/v1/mentors/lookup/", body, format="json")
    assert response.status_code == 200, response.data
    assert response.data["id"] == mentor.pk
    bad = api(hr_a).post("/api/v1/mentors/lookup/", {"id_number": "²" * 18}, format="json")
    assert bad.status_code == 400 and list(bad.data) == ["id_number"]
    refused = api(base_staff).post("/api/v1/mentors/lookup/", body, format="json")
    assert refused.status_code == 403


@pytest.mark.django_db
def test_training_staff_look_a_teacher_up_by_the_full_width_spelling(api, base_staff, hr_a):
    teacher = testing.make_teacher(hr_a.school)
    url = "/api/v1/training-completions/lookup-teacher/"
    body = {"id_number": full_width(teacher.id_number)}
    response = api(base_staff).post(url, body, format="json")
    assert response.status_code == 200, response.data
    assert response.data["id"] == teacher.pk
    bad = api(base_staff).post(url, {"id_number": "²" + teacher.id_number[1:]}, format="json")
    assert bad.status_code == 400 and list(bad.data) == ["id_number"]
    assert api(hr_a).post(url, body, format="json").status_code == 403

"""Round 46 (contract audit): a round not open yet reads `phase: upcoming` beside its two-valued
`status`; the rounds list filters by `status`, `phase` and `code` (DESIGN §5); and the
publicity list never tells anyone but the province that an application is under objection
(DESIGN §8: only the province reads objections)."""

from datetime import date, timedelta
from typing import Any

import pytest

from shuangshi import testing
from shuangshi.accounts.models import Role, User
from shuangshi.recognition import rules, services
from shuangshi.recognition.models import Application, Round
from shuangshi.teachers.models import Teacher

pytestmark = pytest.mark.django_db

ROUNDS = "/api/v1/recognition-rounds/"
APPS = "/api/v1/recognition-applications/"
PUBLICITY = f"{APPS}publicity/"


def _round(code: str, opens_on: date, closes_on: date) -> Round:
    return services.round_create(
        data={"code": code, "name": code, "opens_on": opens_on, "closes_on": closes_on}
    )


@pytest.fixture
def three_rounds(today: date) -> dict[str, Round]:
    return {
        "upcoming": _round("R-UP", today + timedelta(days=1), today + timedelta(days=30)),
        "open": _round("R-OPEN", today, today),
        "closed": _round("R-OLD", today - timedelta(days=30), today - timedelta(days=1)),
    }


@pytest.mark.parametrize(
    ("opens", "closes", "phase"),
    [
        (1, 5, "upcoming"),
        (0, 5, "open"),
        (-5, 0, "open"),
        (-5, -1, "closed"),
    ],
)
def test_round_phase_reads_from_the_dates(opens: int, closes: int, phase: str) -> None:
    on = date(2026, 3, 10)
    assert rules.round_phase(on + timedelta(opens), on + timedelta(closes), on) == phase


def test_a_round_not_open_yet_reads_upcoming_and_its_status_stays_closed(
    api: Any, teacher_a: Any, three_rounds: dict[str, Round]
) -> None:
    teacher = testing.make_user("t_a", Role.TEACHER, teacher=teacher_a)
    rows = api(teacher).get(ROUNDS).json()["results"]
    read = {r["code"]: (r["status"], r["phase"]) for r in rows}
    assert read == {
        "R-UP": ("closed", "upcoming"),
        "R-OPEN": ("open", "open"),
        "R-OLD": ("closed", "closed"),
    }


def test_phase_is_read_only(api: Any, province: User, three_rounds: dict[str, Round]) -> None:
    round = three_rounds["upcoming"]
    body = {"phase": "open", "version": round.version}
    response = api(province).patch(f"{ROUNDS}{round.pk}/", body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["phase"] == "upcoming"


@pytest.mark.parametrize("role", ["province", "hr_a"])
def test_the_rounds_list_filters_by_status_phase_and_code(
    api: Any, role: str, request: Any, three_rounds: dict[str, Round]
) -> None:
    user = request.getfixturevalue(role)

    def codes(**query: str) -> set[str]:
        response = api(user).get(ROUNDS, query)
        assert response.status_code == 200, response.json()
        return {r["code"] for r in response.json()["results"]}

    assert codes(status="open") == {"R-OPEN"}
    assert codes(status="closed") == {"R-UP", "R-OLD"}
    assert codes(phase="upcoming") == {"R-UP"}
    assert codes(phase="open") == {"R-OPEN"}
    assert codes(phase="closed") == {"R-OLD"}
    assert codes(code="R-OLD") == {"R-OLD"}
    assert codes(code="r-old") == {"R-OLD"}  # a code is one whatever its case
    assert codes(code="R-OL") == set()


def test_a_bad_status_or_phase_is_a_400_naming_it(
    api: Any, hr_a: User, three_rounds: dict[str, Round]
) -> None:
    for name in ("status", "phase"):
        response = api(hr_a).get(ROUNDS, {name: "soon"})
        assert response.status_code == 400
        assert name in response.json()


def test_an_expert_filters_only_their_own_rounds(
    api: Any, expert: User, round_open: Round, three_rounds: dict[str, Round]
) -> None:
    rows = api(expert).get(ROUNDS, {"status": "open"}).json()["results"]
    assert [r["code"] for r in rows] == [round_open.code]


def test_base_staff_may_not_write_rounds(api: Any, base_staff: User, today: date) -> None:
    body = {"code": "X1", "name": "X1", "opens_on": str(today), "closes_on": str(today)}
    assert api(base_staff).post(ROUNDS, body, format="json").status_code == 403


# --------------------------------------------------------------------------- publicity


def _qualified(school: Any, name: str) -> Teacher:
    teacher = testing.make_teacher(school, name=name)
    testing.make_certificate(teacher)
    testing.make_certificate(
        teacher, kind="skill_level", level="grade3", name="电工", issued_on=date(2021, 5, 1)
    )
    return teacher


def _publicize(teacher: Teacher, round: Round, hr: User, province: User) -> Application:
    app = services.application_create(round=round, teacher=teacher, level="junior", user=hr)
    app = services.application_submit(application=app, user=hr)
    app = services.application_school_review(application=app, user=hr, decision="approve")
    return services.application_province_review(application=app, user=province, decision="approve")


@pytest.fixture
def publicity(
    school_b: Any, hr_b: User, hr_a: User, province: User, round_open: Round
) -> dict[str, Application]:
    """Three of school B's applications in publicity, the middle one under objection."""
    first = _publicize(_qualified(school_b, "李红梅"), round_open, hr_b, province)
    objected = _publicize(_qualified(school_b, "赵刚"), round_open, hr_b, province)
    last = _publicize(_qualified(school_b, "孙丽"), round_open, hr_b, province)
    services.application_object(application=objected, user=hr_a, reason="材料存疑")
    return {"first": first, "objected": objected, "last": last}


def _rows(api: Any, user: User, url: str, **query: Any) -> list[dict[str, Any]]:
    response = api(user).get(url, query)
    assert response.status_code == 200, response.json()
    return list(response.json()["results"])


@pytest.mark.parametrize("reader", ["hr_a", "teacher_user", "base_staff", "city_nc", "expert"])
def test_the_publicity_list_reads_an_objected_application_as_publicized(
    api: Any, request: Any, reader: str, publicity: dict[str, Application]
) -> None:
    user = request.getfixturevalue(reader)
    rows = _rows(api, user, PUBLICITY)
    ids = [publicity[k].pk for k in ("first", "objected", "last")]
    assert [r["id"] for r in rows] == ids
    assert {r["status"] for r in rows} == {"publicized"}
    objected = next(r for r in rows if r["id"] == publicity["objected"].pk)
    first = next(r for r in rows if r["id"] == publicity["first"].pk)
    assert set(objected) == set(first)
    assert "objected" not in str(objected).lower() and "objection" not in str(objected).lower()
    # Sorted by status, it sorts as the publicized ones do (by id among equals).
    assert [r["id"] for r in _rows(api, user, PUBLICITY, ordering="status")] == ids
    assert [r["id"] for r in _rows(api, user, PUBLICITY, ordering="-status")] == ids


@pytest.mark.parametrize("reader", ["hr_a", "teacher_user", "base_staff"])
def test_asking_the_publicity_list_for_objected_ones_singles_nothing_out(
    api: Any, request: Any, reader: str, publicity: dict[str, Application]
) -> None:
    user = request.getfixturevalue(reader)
    assert _rows(api, user, PUBLICITY, status="objected") == []
    assert len(_rows(api, user, PUBLICITY, status="publicized")) == 3


def test_the_province_reads_the_objection_on_the_publicity_list(
    api: Any, province: User, publicity: dict[str, Application]
) -> None:
    rows = _rows(api, province, PUBLICITY)
    status = {r["id"]: r["status"] for r in rows}
    assert status[publicity["objected"].pk] == "objected"
    assert status[publicity["first"].pk] == "publicized"
    assert [r["id"] for r in _rows(api, province, PUBLICITY, status="objected")] == [
        publicity["objected"].pk
    ]
    assert len(_rows(api, province, PUBLICITY, status="publicized")) == 2


@pytest.mark.parametrize("reader", ["hr_a", "teacher_user", "base_staff"])
def test_the_applications_list_asked_for_publicized_ones_holds_the_objected_one_alike(
    api: Any, request: Any, reader: str, publicity: dict[str, Application]
) -> None:
    """The publicity list as the applications list serves it (?status=publicized) holds the
    application under objection too, read as publicized: its absence would tell."""
    user = request.getfixturevalue(reader)
    rows = _rows(api, user, APPS, status="publicized", round=publicity["first"].round_id)
    assert [r["id"] for r in rows] == sorted(
        (publicity[k].pk for k in ("first", "objected", "last")), reverse=True
    )
    assert {r["status"] for r in rows} == {"publicized"}
    by_status = _rows(api, user, APPS, status="publicized", ordering="status")
    assert [r["id"] for r in by_status] == sorted(r["id"] for r in rows)


def test_the_school_that_reads_it_in_full_still_reads_it_objected(
    api: Any, hr_b: User, publicity: dict[str, Application]
) -> None:
    objected = publicity["objected"].pk
    ids = [r["id"] for r in _rows(api, hr_b, APPS, status="publicized")]
    assert objected not in ids
    assert [r["id"] for r in _rows(api, hr_b, APPS, status="objected")] == [objected]


def test_only_the_province_reads_the_objections_themselves(
    api: Any, province: User, hr_a: User, publicity: dict[str, Application]
) -> None:
    url = f"{APPS}{publicity['objected'].pk}/objections/"
    assert api(province).get(url).status_code == 200
    assert api(hr_a).get(url).status_code in (403, 404)

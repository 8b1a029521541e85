"""Every endpoint × every role × a row in the user's scope and a row outside it.

The endpoints are read from the URL configuration (endpoints.py), so a new endpoint with no
entry in EXPECTED fails `test_every_endpoint_has_an_expectation` and its own matrix case.

How a request is made: detail URLs take the row's key for the side under test; writes send
a minimal body (PATCH `{"version": 1}`, POST `{}`), so "allowed" reads as 200/201/204 or a
400 about the body, "refused" as 403, and "outside your scope" as 404 — exactly like a row
that does not exist. No credentials (anonymous) read as 401, as DRF answers with a
`WWW-Authenticate` class first (round 46). Each request runs in a savepoint that is rolled back.

Run with MATRIX_DUMP=1 to print what the code answers (to review, never to paste blindly).
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from . import world as world_module
from .endpoints import Endpoint, api_endpoints

ROLES = ("anonymous", "province", "city", "school_hr", "base_staff", "teacher", "expert")
SIDES = ("own", "other")
Status = int | tuple[int, int]  # one status for both sides, or (own, other)


@dataclass(frozen=True)
class Expect:
    statuses: dict[str, Status]
    row: str | None = None  # world row whose key fills the URL keyword argument
    body: Callable[[], dict[str, Any]] | None = None  # a fresh body for each request
    format: str = "json"
    # On a 200 list, which roles see the own side's row and which the other side's.
    sees_own: tuple[str, ...] = ("province", "city", "school_hr", "base_staff")
    sees_other: tuple[str, ...] = ("province",)
    key: str = "id"  # the field that identifies a row in a list


def E(
    anonymous: Status = 401,
    province: Status = 200,
    city: Status = 403,
    school_hr: Status = 403,
    base_staff: Status = 403,
    teacher: Status = 403,
    expert: Status = 403,
    **options: Any,
) -> Expect:
    statuses = {
        "anonymous": anonymous,
        "province": province,
        "city": city,
        "school_hr": school_hr,
        "base_staff": base_staff,
        "teacher": teacher,
        "expert": expert,
    }
    return Expect(statuses=statuses, **options)


def SAME(status: Status, **options: Any) -> Expect:
    """One answer for every caller, anonymous included (open endpoints)."""
    return Expect(statuses=dict.fromkeys(ROLES, status), **options)


ALL = ("province", "city", "school_hr", "base_staff", "teacher", "expert")
# The roles that see side A's teacher rows (the teacher account is teacher A's).
SCHOOL_SIDE = ("province", "city", "school_hr", "teacher")
# Every signed-in role: the same answer for all of them.
EVERYONE = ALL
OWN = (200, 404)  # in scope: yes; the other side's row: as if it did not exist
# A PATCH of {"version": 1} by a role allowed to write: it succeeds.
# A POST of {} by a role allowed to create: 400 (fields required).

EXPECTED: dict[str, Expect] = {
    # --- auth (open endpoints; the credentials themselves are tested in test_abuse.py)
    "GET api-root": E(city=200, school_hr=200, base_staff=200, teacher=200, expert=200),
    "GET auth-csrf": SAME(204),
    "POST auth-login": SAME(400),
    "POST auth-logout": SAME(204),
    "POST auth-token": SAME(400),
    "GET auth-me": E(city=200, school_hr=200, base_staff=200, teacher=200, expert=200),
    # {} lacks the passwords
    "POST auth-password": E(
        province=400, city=400, school_hr=400, base_staff=400, teacher=400, expert=400
    ),
    # --- accounts: the province; school HR its own teachers' accounts (none in this row)
    "GET user-list": E(school_hr=200, row="user", sees_own=("province",), sees_other=("province",)),
    "POST user-list": E(province=400, school_hr=400),
    "POST user-teacher-accounts": E(province=400, school_hr=400),
    "GET user-detail": E(school_hr=404, row="user"),
    "PATCH user-detail": E(school_hr=404, row="user"),
    "DELETE user-detail": E(province=204, school_hr=404, row="user"),
    "POST user-reset-password": E(school_hr=404, row="user"),
    # --- cities: everyone reads all
    "GET city-list": E(city=200, school_hr=200, base_staff=200, row="city", sees_other=ALL),
    "GET city-detail": E(city=200, school_hr=200, base_staff=200, row="city"),
    # --- schools: province writes; city and HR read their own
    "GET school-list": E(city=200, school_hr=200, row="school"),
    "POST school-list": E(province=400),
    "GET school-detail": E(city=OWN, school_hr=OWN, row="school"),
    "PATCH school-detail": E(city=403, school_hr=403, row="school"),
    "DELETE school-detail": E(province=400, row="school"),  # still has teachers
    # --- teachers and their records: HR writes its own school, city reads its city
    # a teacher reads their own record (and proposes certificates and periods)
    "GET teacher-list": E(
        city=200, school_hr=200, teacher=200, row="teacher", sees_own=SCHOOL_SIDE
    ),
    "POST teacher-list": E(province=400, school_hr=400),
    "GET teacher-detail": E(city=OWN, school_hr=OWN, teacher=OWN, row="teacher"),
    "PATCH teacher-detail": E(school_hr=OWN, row="teacher"),
    # both teachers have recognition applications, which keep them (PROTECT)
    "DELETE teacher-detail": E(province=400, school_hr=(400, 404), row="teacher"),
    "GET teacher-history": E(city=OWN, school_hr=OWN, teacher=OWN, row="teacher"),
    "GET teacher-facts": E(city=OWN, school_hr=OWN, teacher=OWN, row="teacher"),
    "POST teacher-reveal-id-number": E(school_hr=OWN, row="teacher"),
    "GET certificate-list": E(
        city=200, school_hr=200, teacher=200, row="certificate", sees_own=SCHOOL_SIDE
    ),
    "POST certificate-list": E(province=400, school_hr=400, teacher=400),
    "GET certificate-detail": E(city=OWN, school_hr=OWN, teacher=OWN, row="certificate"),
    # confirm/reject a teacher's proposal: HR and the province (this row is not pending)
    "POST certificate-confirm": E(province=400, school_hr=(400, 404), row="certificate"),
    "POST certificate-reject": E(province=400, school_hr=(400, 404), row="certificate"),
    "PATCH certificate-detail": E(school_hr=OWN, row="certificate"),
    "DELETE certificate-detail": E(province=204, school_hr=(204, 404), row="certificate"),
    "GET enterprise-period-list": E(
        city=200, school_hr=200, teacher=200, row="enterprise-period", sees_own=SCHOOL_SIDE
    ),
    "POST enterprise-period-list": E(province=400, school_hr=400, teacher=400),
    "GET enterprise-period-detail": E(
        city=OWN, school_hr=OWN, teacher=OWN, row="enterprise-period"
    ),
    "POST enterprise-period-confirm": E(
        province=400, school_hr=(400, 404), row="enterprise-period"
    ),
    "POST enterprise-period-reject": E(province=400, school_hr=(400, 404), row="enterprise-period"),
    "PATCH enterprise-period-detail": E(school_hr=OWN, row="enterprise-period"),
    "DELETE enterprise-period-detail": E(
        province=204, school_hr=(204, 404), row="enterprise-period"
    ),
    # --- audit: the province searches everything
    "GET audit-log-list": E(),
    "GET audit-log-detail": E(row="audit-entry"),
    # --- qualification: ratios for the roles that own schools; base staff have none
    "GET ratios-schools": E(city=200, school_hr=200, row="school", key="school.id"),
    "GET ratios-summary": E(city=200, school_hr=200),
    "GET ratios-trend": E(city=200, school_hr=200),
    "GET ratios-forecast": E(city=200, school_hr=200),
    "GET ratios-forecast-schools": E(city=200, school_hr=200),
    # province and city must name a school (400 without ?school=); HR gets its own
    "GET ratios-candidates": E(province=400, city=400, school_hr=200),
    "GET rule-profile-list": E(city=200, school_hr=200),
    "GET rule-profile-current": E(city=200, school_hr=200),
    "GET rule-profile-detail": E(city=200, school_hr=200, row="rule-profile"),
    "POST rule-profile-list": E(province=400),
    "POST rule-profile-preview": E(province=400),
    "GET target-list": E(city=200, school_hr=200, base_staff=200),
    "GET target-detail": E(city=200, school_hr=200, base_staff=200, row="target"),
    "PATCH target-detail": E(row="target"),
    # --- training: bases and programmes are public to school roles; base staff run their own
    "GET training-base-list": E(
        city=200,
        school_hr=200,
        base_staff=200,
        row="training-base",
        sees_other=("province", "city", "school_hr"),
    ),
    "POST training-base-list": E(province=400),
    "GET training-base-detail": E(city=200, school_hr=200, base_staff=OWN, row="training-base"),
    "PATCH training-base-detail": E(row="training-base"),
    "DELETE training-base-detail": E(province=400, row="training-base"),  # has programmes
    # POST {}: the province is told the reason is required
    "POST training-base-void-completions": E(province=400, row="training-base"),
    "GET training-base-progress": E(city=200),
    "GET training-base-stats": E(base_staff=200),
    "GET training-program-list": E(
        city=200,
        school_hr=200,
        base_staff=200,
        row="training-program",
        sees_other=("province", "city", "school_hr"),
    ),
    "POST training-program-list": E(province=400, base_staff=400),
    "GET training-program-detail": E(
        city=200, school_hr=200, base_staff=OWN, row="training-program"
    ),
    "PATCH training-program-detail": E(base_staff=OWN, row="training-program"),
    "DELETE training-program-detail": E(  # has completions
        province=400, base_staff=(400, 404), row="training-program"
    ),
    # completions: base staff see their base's; schools see their teachers'
    "GET training-completion-list": E(
        city=200, school_hr=200, base_staff=200, row="training-completion"
    ),
    "POST training-completion-list": E(province=400, base_staff=400),
    "GET training-completion-detail": E(
        city=OWN, school_hr=OWN, base_staff=OWN, row="training-completion"
    ),
    "PATCH training-completion-detail": E(base_staff=OWN, row="training-completion"),
    "DELETE training-completion-detail": E(
        province=204, base_staff=(204, 404), row="training-completion"
    ),
    # the ID number travels in the body, never in the URL
    "POST training-completion-lookup-teacher": E(province=400, base_staff=400),
    # --- mentors: visible to the schools that appoint them; HR manages its own
    "GET mentor-list": E(city=200, school_hr=200, row="mentor"),
    "POST mentor-list": E(province=400, school_hr=400),
    "GET mentor-detail": E(city=OWN, school_hr=OWN, row="mentor"),
    "PATCH mentor-detail": E(school_hr=OWN, row="mentor"),
    "DELETE mentor-detail": E(province=400, row="mentor"),  # still appointed
    "POST mentor-lookup": E(province=400, school_hr=400),
    "POST mentor-reveal-id-number": E(school_hr=OWN, row="mentor"),
    "GET mentor-counts": E(city=200, school_hr=200),
    "GET mentor-appointment-list": E(city=200, school_hr=200, row="mentor-appointment"),
    "POST mentor-appointment-list": E(province=400, school_hr=400),
    "GET mentor-appointment-detail": E(city=OWN, school_hr=OWN, row="mentor-appointment"),
    "PATCH mentor-appointment-detail": E(school_hr=OWN, row="mentor-appointment"),
    "DELETE mentor-appointment-detail": E(
        province=204, school_hr=(204, 404), row="mentor-appointment"
    ),
    # --- spreadsheets: an import job is its uploader's alone; templates follow the kind
    "GET import-list": E(
        city=200,
        school_hr=200,
        base_staff=200,
        teacher=200,
        expert=200,
        row="import",
        sees_own=("school_hr",),
        sees_other=(),
    ),
    "POST import-list": E(
        province=201,  # accepted; its dry run ends invalid (the province's template has a
        # school column this file lacks)
        city=403,
        school_hr=201,
        row="import",
        body=world_module.upload,
        format="multipart",
    ),
    # --- jobs: a background job is its starter's alone
    "GET job-list": E(
        city=200,
        school_hr=200,
        base_staff=200,
        teacher=200,
        expert=200,
        row="job",
        sees_own=("school_hr",),
        sees_other=(),
    ),
    "GET job-detail": E(
        province=404, city=404, school_hr=OWN, base_staff=404, teacher=404, expert=404, row="job"
    ),
    "GET job-download": E(
        province=404, city=404, school_hr=OWN, base_staff=404, teacher=404, expert=404, row="job"
    ),
    "GET import-detail": E(
        province=404,
        city=404,
        school_hr=OWN,
        base_staff=404,
        teacher=404,
        expert=404,
        row="import",
    ),
    "GET import-errors": E(
        province=404,
        city=404,
        school_hr=OWN,
        base_staff=404,
        teacher=404,
        expert=404,
        row="import",
    ),
    "POST import-commit": E(
        province=404,
        city=404,
        school_hr=OWN,
        base_staff=404,
        teacher=404,
        expert=404,
        row="import",
    ),
    # own kind: teachers (HR, province); other kind: training-completions (base staff, province)
    "GET import-template": E(school_hr=(200, 403), base_staff=(403, 200), row="import-kind"),
    "GET export-teachers": E(city=200, school_hr=200),
    "GET export-province": E(),
    "GET export-school": E(province=400, city=400, school_hr=200),  # others name ?school=
    # the same as background jobs: 202 with the job
    "POST export-teachers": E(province=202, city=202, school_hr=202),
    "POST export-province": E(province=202),
    "POST export-school": E(province=400, city=400, school_hr=202),
    # --- notifications: every user reads and marks their own; the province sets lead times
    "GET notification-list": E(
        city=200,
        school_hr=200,
        base_staff=200,
        teacher=200,
        expert=200,
        row="notification",
        sees_own=("school_hr",),
        sees_other=(),
    ),
    "GET notification-detail": E(
        province=404,
        city=404,
        school_hr=OWN,
        base_staff=404,
        teacher=404,
        expert=404,
        row="notification",
    ),
    "POST notification-read": E(
        province=404,
        city=404,
        school_hr=OWN,
        base_staff=404,
        teacher=404,
        expert=404,
        row="notification",
    ),
    "GET notification-unread-count": E(
        city=200, school_hr=200, base_staff=200, teacher=200, expert=200
    ),
    "POST notification-read-all": E(
        city=200, school_hr=200, base_staff=200, teacher=200, expert=200
    ),
    "GET notification-preferences": E(
        city=200, school_hr=200, base_staff=200, teacher=200, expert=200
    ),
    "PATCH notification-preferences": E(  # {} lacks email_enabled
        province=400, city=400, school_hr=400, base_staff=400, teacher=400, expert=400
    ),
    "GET alert-settings": E(city=200, school_hr=200),
    "PATCH alert-settings": E(),
    # --- practical teaching hours: HR writes its own school's, the city reads
    "GET teaching-hours-list": E(city=200, school_hr=200, row="teaching-hours"),
    "POST teaching-hours-list": E(province=400, school_hr=400),
    "GET teaching-hours-detail": E(city=OWN, school_hr=OWN, row="teaching-hours"),
    "PATCH teaching-hours-detail": E(school_hr=OWN, row="teaching-hours"),
    "DELETE teaching-hours-detail": E(province=204, school_hr=(204, 404), row="teaching-hours"),
    "GET teaching-hours-shares": E(city=200, school_hr=200),
    # --- practice duty: scoped like teachers
    "GET practice-duty": E(city=200, school_hr=200, teacher=200),  # a teacher: their own
    "GET practice-duty-summary": E(city=200, school_hr=200),
    "GET practice-duty-export": E(city=200, school_hr=200),
    "POST practice-duty-export": E(province=202, city=202, school_hr=202),  # round 33: a job
    # --- recognition (DESIGN §8). Rounds: everyone reads; experts only their rounds (A).
    "GET recognition-round-list": E(
        city=200,
        school_hr=200,
        base_staff=200,
        teacher=200,
        expert=200,
        row="recognition-round",
        sees_own=ALL,
        sees_other=("province", "city", "school_hr", "base_staff", "teacher"),
    ),
    "POST recognition-round-list": E(province=400),
    "GET recognition-round-detail": E(
        city=200,
        school_hr=200,
        base_staff=200,
        teacher=200,
        expert=OWN,
        row="recognition-round",
    ),
    "PATCH recognition-round-detail": E(row="recognition-round"),
    # applications (both in province review in round A): scoped like teachers; the expert
    # (of school B) sees school A's, never their own school's
    "GET recognition-application-list": E(
        city=200,
        school_hr=200,
        base_staff=200,
        teacher=200,
        expert=200,
        row="recognition-application",
        sees_own=("province", "city", "school_hr", "teacher", "expert"),
    ),
    "POST recognition-application-list": E(province=403, school_hr=400, teacher=400),
    "GET recognition-application-detail": E(
        city=OWN,
        school_hr=OWN,
        base_staff=404,
        teacher=OWN,
        expert=OWN,
        row="recognition-application",
    ),
    # PATCH of a submitted application: the wrong stage (400) for the applicant roles
    "PATCH recognition-application-detail": E(
        province=403,
        city=(403, 404),
        school_hr=(400, 404),
        base_staff=404,
        teacher=(400, 404),
        expert=(403, 404),
        row="recognition-application",
    ),
    "POST recognition-application-submit": E(
        province=403, school_hr=(400, 404), teacher=(400, 404), row="recognition-application"
    ),
    "POST recognition-application-withdraw": E(
        province=403, school_hr=(400, 404), teacher=(400, 404), row="recognition-application"
    ),
    "POST recognition-application-school-review": E(
        province=403, school_hr=(400, 404), row="recognition-application"
    ),
    "POST recognition-application-province-review": E(province=400, row="recognition-application"),
    "POST recognition-application-votes": E(
        province=403, expert=(400, 404), row="recognition-application"
    ),
    # objections: filed by anyone on an application in publicity; this one is not: a
    # reader of the application gets 400 (status), anyone else 404
    "GET recognition-application-objections": E(row="recognition-application"),
    "POST recognition-application-objections": E(
        province=400,
        city=(400, 404),
        school_hr=(400, 404),
        base_staff=404,
        teacher=(400, 404),
        expert=(400, 404),
        row="recognition-application",
    ),
    "POST recognition-application-resolve-objection": E(
        province=400, row="recognition-application"
    ),
    "POST recognition-application-finalize": E(province=400, row="recognition-application"),
    "GET recognition-application-publicity": E(
        city=200, school_hr=200, base_staff=200, teacher=200, expert=200
    ),
    # recognitions (round B): scoped like teachers; the province revokes
    "GET recognition-list": E(
        city=200, school_hr=200, teacher=200, row="recognition", sees_own=SCHOOL_SIDE
    ),
    "GET recognition-detail": E(city=OWN, school_hr=OWN, teacher=OWN, row="recognition"),
    "POST recognition-revoke": E(province=400, row="recognition"),  # {} lacks the reason
    "GET recognition-gaps": E(city=200, school_hr=200),
    # public verification: anyone, signed in or not
    "GET public-verify": E(
        anonymous=200,
        city=200,
        school_hr=200,
        base_staff=200,
        teacher=200,
        expert=200,
        row="public-verify",
    ),
    # evidence files: scoped like their teacher
    # the expert reads only files attached to applications they review (none here)
    "GET evidence-file-list": E(
        city=200, school_hr=200, teacher=200, expert=200, row="evidence-file", sees_own=SCHOOL_SIDE
    ),
    "POST evidence-file-list": E(province=400, school_hr=400, teacher=400),
    "GET evidence-file-detail": E(
        city=OWN, school_hr=OWN, teacher=OWN, expert=404, row="evidence-file"
    ),
    # The world's files were uploaded by the province: a teacher deletes only their own
    # uploads (round 40), so their own teacher's file answers 403, another's 404.
    "DELETE evidence-file-detail": E(
        province=204, school_hr=(204, 404), teacher=(403, 404), row="evidence-file"
    ),
    "GET evidence-file-download": E(
        city=OWN, school_hr=OWN, teacher=OWN, expert=404, row="evidence-file"
    ),
    "GET my-record": E(province=403, teacher=200),
    "GET record-confirmations": E(school_hr=200),
}


def _expected_status(expect: Expect, role: str, side: str) -> int:
    status = expect.statuses[role]
    if isinstance(status, tuple):
        return status[SIDES.index(side)]
    return status


def _client(user: Any) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user=user)
    return client


def _call(client: APIClient, endpoint: Endpoint, url: str, expect: Expect) -> Any:
    method = endpoint.method.lower()
    if method == "get":
        return client.get(url)
    if expect.body is not None:
        body = expect.body()
    else:
        body = {"version": 1} if method == "patch" else {}
    return getattr(client, method)(url, body, format=expect.format)


def _ids(response: Any, key: str) -> set[Any]:
    data = response.json()
    items = data["results"] if isinstance(data, dict) and "results" in data else data
    found = set()
    for item in items if isinstance(items, list) else []:
        for part in key.split("."):
            item = item.get(part) if isinstance(item, dict) else None
        found.add(item)
    return found


def _run(endpoint: Endpoint, expect: Expect, world: Any) -> dict[tuple[str, str], Any]:
    """{(role, side): status, or (status, sees_own, sees_other) for scoped lists}."""
    answers: dict[tuple[str, str], Any] = {}
    rows = world.rows.get(expect.row) if expect.row else None
    for role in ROLES:
        for side in SIDES if (expect.row and endpoint.kwargs) else ("own",):
            kwargs = {}
            if endpoint.kwargs:
                assert rows is not None, f"{endpoint.key}: give its row a key in world.py"
                kwargs = {endpoint.kwargs[0]: rows[SIDES.index(side)]}
            url = reverse(endpoint.name, kwargs=kwargs)
            with transaction.atomic():
                response = _call(_client(world.users[role]), endpoint, url, expect)
                answers[(role, side)] = response.status_code
                if rows and not endpoint.kwargs and response.status_code == 200:
                    ids = _ids(response, expect.key)
                    answers[(role, side)] = (200, rows[0] in ids, rows[1] in ids)
                transaction.set_rollback(True)
    return answers


def _wanted(endpoint: Endpoint, expect: Expect, answers: dict) -> dict[tuple[str, str], Any]:
    wanted: dict[tuple[str, str], Any] = {}
    for role, side in answers:
        status = _expected_status(expect, role, side)
        if expect.row and not endpoint.kwargs and status == 200:
            wanted[(role, side)] = (200, role in expect.sees_own, role in expect.sees_other)
        else:
            wanted[(role, side)] = status
    return wanted


ENDPOINTS = api_endpoints()


def test_every_endpoint_has_an_expectation():
    keys = {e.key for e in ENDPOINTS}
    assert sorted(keys - EXPECTED.keys()) == [], "new endpoints: add them to EXPECTED"
    assert sorted(EXPECTED.keys() - keys) == [], "stale entries: remove them from EXPECTED"


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.key)
def test_access_matrix(endpoint: Endpoint, shared_world: world_module.World):
    world = shared_world  # each call below is rolled back too
    expect = EXPECTED.get(endpoint.key)
    if os.environ.get("MATRIX_DUMP"):
        answers = _run(endpoint, expect or E(row=_guess_row(endpoint)), world)
        print(f"\n{endpoint.key}: {answers}")
        return
    assert expect is not None, f"{endpoint.key} ({endpoint.route}) has no entry in EXPECTED"
    answers = _run(endpoint, expect, world)
    assert answers == _wanted(endpoint, expect, answers)


def _guess_row(endpoint: Endpoint) -> str | None:
    return endpoint.name.rsplit("-", 1)[0] if "-" in endpoint.name else None

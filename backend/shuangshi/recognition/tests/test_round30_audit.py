"""Audit round 30 of DESIGN §8: every certificate a round issues can be verified publicly."""

from datetime import date
from typing import Any

from shuangshi.recognition import services
from shuangshi.recognition.models import Round

VERIFY = "/api/v1/public/verify/"


def test_a_certificate_whose_round_code_has_a_slash_can_be_verified(
    api: Any, province: Any, hr_a: Any, qualified_teacher: Any, today: Any
) -> None:
    """§8: the certificate number is `{round code}-{00001…}` and `/verify/<certificate_no>`
    checks it; a round code was free text, so a number may hold a "/" (the web app sends it
    as %2F, which reaches the server decoded). A genuine number must not answer 404.
    (Since round 43 a new code is letters, digits, - _ . only: this round's code is one
    stored before that, written past the service.)"""
    round = services.round_create(
        data={
            "code": "JX-2026",
            "name": "2026年第二批",
            "opens_on": today,
            "closes_on": today,
            "publicity_days": 0,
        }
    )
    Round.objects.filter(pk=round.pk).update(code="JX/2026")
    round.refresh_from_db()
    app = services.application_create(
        round=round, teacher=qualified_teacher, level="junior", user=hr_a
    )
    app = services.application_submit(application=app, user=hr_a)
    app = services.application_school_review(application=app, user=hr_a, decision="approve")
    app = services.application_province_review(application=app, user=province, decision="approve")
    recognition = services.application_finalize(application=app, user=province)
    assert recognition.certificate_no == "JX/2026-00001"

    response = api().get(f"{VERIFY}JX%2F2026-00001/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["certificate_no"] == "JX/2026-00001"
    assert body["name"] == "王*明"
    assert body["status"] == "active"
    # An unknown number (with or without a slash) is still a 404.
    assert api().get(f"{VERIFY}JX%2F2026-00002/").status_code == 404
    assert api().get(f"{VERIFY}JX2026-00001/").status_code == 404


def test_an_expert_never_sees_an_application_withdrawn_before_it_was_submitted(
    api, round_open, qualified_teacher, hr_a, expert
):
    """Experts read the submitted applications of their rounds (§8): a draft its teacher
    withdrew was never submitted, so it stays out of their list and their reach; one
    withdrawn after submitting was seen by the school already and stays listed."""
    from shuangshi.recognition import services as recognition_services
    from shuangshi.testing import make_certificate, make_teacher

    draft = recognition_services.application_create(
        round=round_open, teacher=qualified_teacher, level="junior", user=hr_a
    )
    recognition_services.application_withdraw(application=draft, user=hr_a)
    other = make_teacher(qualified_teacher.school, name="李小红")
    make_certificate(other)
    make_certificate(
        other, kind="skill_level", level="grade3", name="电工", issued_on=date(2021, 5, 1)
    )
    sent = recognition_services.application_create(
        round=round_open, teacher=other, level="junior", user=hr_a
    )
    sent.refresh_from_db()
    recognition_services.application_submit(application=sent, user=hr_a)
    recognition_services.application_withdraw(application=sent, user=hr_a)

    listed = api(expert).get("/api/v1/recognition-applications/")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [sent.pk]
    assert api(expert).get(f"/api/v1/recognition-applications/{draft.pk}/").status_code == 404
    # The school's HR still reads both.
    ids = {
        row["id"] for row in api(hr_a).get("/api/v1/recognition-applications/").json()["results"]
    }
    assert ids == {draft.pk, sent.pk}

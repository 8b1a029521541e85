"""Recognized counts beside computed ones in the ratio rows and the summary (DESIGN §8)."""

from datetime import timedelta

from shuangshi.recognition import services


def _recognize(teacher_user, hr_a, province, round_open):
    app = services.application_create(
        round=round_open, teacher=teacher_user.teacher, level="junior", user=teacher_user
    )
    app = services.application_submit(application=app, user=teacher_user)
    app = services.application_school_review(application=app, user=hr_a, decision="approve")
    app = services.application_province_review(application=app, user=province, decision="approve")
    return services.application_finalize(application=app, user=province)


def test_the_recognized_ratio_moves_when_a_teacher_is_recognized(
    api, teacher_user, hr_a, province, round_open, school_a, today
):
    def row():
        return api(hr_a).get(f"/api/v1/ratios/schools/?school={school_a.pk}").json()["results"][0]

    before = row()
    assert (before["recognized"], before["recognized_ratio"]) == (0, 0.0)
    assert before["recognized_meets_target"] is False
    recognition = _recognize(teacher_user, hr_a, province, round_open)
    after = row()
    assert after["recognized"] == 1
    assert after["recognized_ratio"] == round(1 / after["in_scope"], 4)
    assert after["recognized_gap"] is not None
    summary = api(province).get("/api/v1/ratios/summary/").json()
    assert summary["province"]["recognized"] == 1
    assert [c["recognized"] for c in summary["by_city"] if c["city"]["id"] == school_a.city_id] == [
        1
    ]
    # Before the recognition and after its validity it does not count.
    earlier = today - timedelta(days=1)
    past = api(hr_a).get(f"/api/v1/ratios/schools/?school={school_a.pk}&as_of={earlier}")
    assert past.json()["results"][0]["recognized"] == 0
    later = recognition.valid_until + timedelta(days=1)
    future = api(hr_a).get(f"/api/v1/ratios/schools/?school={school_a.pk}&as_of={later}")
    assert future.json()["results"][0]["recognized"] == 0


def test_a_revoked_recognition_stops_counting(
    api, teacher_user, hr_a, province, round_open, school_a
):
    recognition = _recognize(teacher_user, hr_a, province, round_open)
    services.recognition_revoke(recognition=recognition, user=province, reason="材料造假")
    row = api(hr_a).get(f"/api/v1/ratios/schools/?school={school_a.pk}").json()["results"][0]
    assert row["recognized"] == 0


def test_gaps_list_who_should_apply_and_who_no_longer_qualifies(
    api, teacher_user, hr_a, hr_b, province, round_open, school_a
):
    from shuangshi import testing
    from shuangshi.teachers import services as teacher_services

    gaps = api(hr_a).get("/api/v1/recognitions/gaps/").json()
    assert teacher_user.teacher_id in [g["teacher"] for g in gaps["should_apply"]]
    assert gaps["no_longer_qualified"] == []
    recognition = _recognize(teacher_user, hr_a, province, round_open)
    gaps = api(hr_a).get("/api/v1/recognitions/gaps/").json()
    assert teacher_user.teacher_id not in [g["teacher"] for g in gaps["should_apply"]]
    # The skill certificate goes: the computed verdict drops, the recognition stays.
    for cert in teacher_user.teacher.certificates.filter(kind="skill_level"):
        teacher_services.certificate_delete(certificate=cert)
    gaps = api(hr_a).get("/api/v1/recognitions/gaps/").json()
    assert [g["certificate_no"] for g in gaps["no_longer_qualified"]] == [
        recognition.certificate_no
    ]
    assert api(hr_b).get("/api/v1/recognitions/gaps/").json()["no_longer_qualified"] == []
    assert api(teacher_user).get("/api/v1/recognitions/gaps/").status_code == 403
    base = testing.make_user("b", "base_staff", training_base=testing.make_base())
    assert api(base).get("/api/v1/recognitions/gaps/").status_code == 403


def test_the_province_workbook_counts_recognitions(
    teacher_user, hr_a, province, round_open, school_a
):
    from shuangshi.spreadsheets.report_data import province_report

    _recognize(teacher_user, hr_a, province, round_open)
    report = province_report()
    assert report.province.recognized == 1
    row = next(s for s in report.schools if s.code == school_a.code)
    assert row.share.recognized == 1
    assert row.share.recognized_ratio == round(1 / row.share.in_scope, 4)

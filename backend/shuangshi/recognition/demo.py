"""Recognition demo (DESIGN §8): a finished round long ago (recognitions expiring within six
months), a finished round last year, and an open round with applications at every stage;
the accounts teacher_a and expert_a. Everything goes through the services, so the history
and the audit log read as if people had done it."""

from datetime import date, timedelta
from typing import Any

from django.db import transaction

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.services import user_create, user_must_change_password_clear
from shuangshi.qualification.models import TeacherQualification
from shuangshi.schools.models import School
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import RecordStatus, Teacher

from . import rules, selectors, services
from .models import Application, Recognition, Round

OPINIONS = {
    "approve": "材料齐全，符合条件，同意。",
    "return": "企业实践证明缺少盖章，请补充后重新提交。",
    "reject": "所报等级条件不足，不予认定。",
}


def _user(username: str, password: str, role: str, first_name: str, **scope: Any) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            username=username, password=password, role=role, first_name=first_name, **scope
        )
    user_must_change_password_clear(user=user)  # demo: ready to use
    return user


def _candidates(school_ids: list[int], on: date, round: Round) -> list[tuple[Teacher, str]]:
    """Teachers of these schools who may apply and qualify under the round's rules on `on`."""
    ids = (
        TeacherQualification.objects.filter(school_id__in=school_ids, in_scope=True)
        .exclude(level="none")
        .order_by("school_id", "teacher_id")
        .values_list("teacher_id", flat=True)
    )
    out: list[tuple[Teacher, str]] = []
    for teacher in Teacher.objects.filter(pk__in=list(ids)).order_by("school_id", "pk"):
        level = selectors.eligibility(teacher, round, on)["level"]
        if level != "none":
            out.append((teacher, level))
    return out


def _publicize(app: Application, hr: User, province: User, expert: User, on: date) -> Application:
    app = services.application_school_review(
        application=app, user=hr, decision="approve", opinion=OPINIONS["approve"]
    )
    services.application_vote(
        application=app, expert=expert, decision="approve", opinion="教学与实践经历真实。"
    )
    return services.application_province_review(
        application=app, user=province, decision="approve", opinion=OPINIONS["approve"], today=on
    )


def _finished_round(
    code: str,
    name: str,
    opens_on: date,
    people: list[tuple[Teacher, str, User]],
    province: User,
    expert: User,
) -> None:
    round = services.round_create(
        data={
            "code": code,
            "name": name,
            "opens_on": opens_on,
            "closes_on": opens_on + timedelta(days=30),
            "publicity_days": 7,
            "experts": [expert],
        }
    )
    submit_on = opens_on + timedelta(days=10)
    approve_on = opens_on + timedelta(days=40)
    for teacher, _level, hr in people:
        level = selectors.eligibility(teacher, round, submit_on)["level"]
        if level == "none":
            continue
        app = services.application_create(round=round, teacher=teacher, level=level, user=hr)
        app = services.application_submit(application=app, user=hr, today=submit_on)
        app = _publicize(app, hr, province, expert, approve_on)
        services.application_finalize(
            application=app, user=province, today=approve_on + timedelta(days=7)
        )


@transaction.atomic
def load_recognition_demo(*, password: str, today: date) -> None:
    if Round.objects.exists():
        return
    school_a = School.objects.filter(code="JX001").first()
    school_b = School.objects.filter(code="JX002").first()
    province = User.objects.filter(role=Role.PROVINCE).order_by("pk").first()
    hr_a = User.objects.filter(username="hr_a").first()
    hr_b = User.objects.filter(username="hr_b").first()
    if not (school_a and school_b and province and hr_a and hr_b):
        return
    expert = _user("expert_a", password, Role.EXPERT, "认定专家(景德镇陶瓷中专)", school=school_b)
    open_round = services.round_create(
        data={
            "code": f"JX{today.year}-1",
            "name": f"{today.year}年度第一批双师型教师认定",
            "opens_on": today - timedelta(days=20),
            "closes_on": today + timedelta(days=40),
            "publicity_days": 7,
            "experts": [expert],
        }
    )
    hrs = {school_a.pk: hr_a, school_b.pk: hr_b}
    pool = _candidates([school_a.pk, school_b.pk], today, open_round)
    a_pool = [(t, lv) for t, lv in pool if t.school_id == school_a.pk]
    b_pool = [(t, lv) for t, lv in pool if t.school_id == school_b.pk]
    if len(a_pool) < 14:
        return
    # teacher_a: qualified, no application yet, a certificate waiting for HR's confirmation.
    me, _ = a_pool.pop(0)
    _user("teacher_a", password, Role.TEACHER, me.name, teacher=me)
    teacher_services.certificate_create(
        data={
            "teacher": me,
            "kind": "one_plus_x",
            "level": "intermediate",
            "name": "工业机器人应用编程（中级）",
            "number": "1X-2025-0098",
            "issuer": "北京新奥时代科技有限责任公司",
            "issued_on": today - timedelta(days=40),
            "status": RecordStatus.PENDING,
        }
    )
    # Two finished rounds: one five years back (recognitions expiring within six months)
    # and last year's.
    old = [(t, lv, hrs[t.school_id]) for t, lv in a_pool[8:11] + b_pool[:2]]
    recent = [(t, lv, hrs[t.school_id]) for t, lv in a_pool[11:14] + b_pool[2:4]]
    five_years = rules.add_years(today, -5) + timedelta(days=80)
    _finished_round(
        f"JX{five_years.year}-1",
        f"{five_years.year}年度双师型教师认定",
        five_years - timedelta(days=47),
        old,
        province,
        expert,
    )
    last_year = rules.add_years(today, -1)
    _finished_round(
        f"JX{last_year.year}-1",
        f"{last_year.year}年度双师型教师认定",
        last_year,
        recent,
        province,
        expert,
    )
    # The open round: one application at every stage.
    stages = [
        "draft",
        "submitted",
        "returned",
        "school_approved",
        "publicized",
        "objected",
        "recognized",
        "rejected",
        "withdrawn",
    ]
    for (teacher, level), stage in zip(a_pool[:8] + b_pool[4:5], stages, strict=False):
        _open_round_application(
            open_round, teacher, level, stage, hrs[teacher.school_id], province, expert, hr_b, today
        )


def _open_round_application(
    round: Round,
    teacher: Teacher,
    level: str,
    stage: str,
    hr: User,
    province: User,
    expert: User,
    objector: User,
    today: date,
) -> None:
    app = services.application_create(
        round=round,
        teacher=teacher,
        level=level,
        user=hr,
        statement="从事专业课教学十年以上，近五年累计企业实践六个月。",
    )
    if stage == "draft":
        return
    if stage == "withdrawn":
        services.application_withdraw(application=app, user=hr)
        return
    app = services.application_submit(application=app, user=hr, today=today)
    if stage == "submitted":
        return
    if stage == "returned":
        services.application_school_review(
            application=app, user=hr, decision="return", opinion=OPINIONS["return"]
        )
        return
    if stage == "school_approved":
        services.application_school_review(
            application=app, user=hr, decision="approve", opinion=OPINIONS["approve"]
        )
        return
    if stage == "rejected":
        app = services.application_school_review(
            application=app, user=hr, decision="approve", opinion=OPINIONS["approve"]
        )
        services.application_province_review(
            application=app, user=province, decision="reject", opinion=OPINIONS["reject"]
        )
        return
    approve_on = today - timedelta(days=10) if stage == "recognized" else today - timedelta(days=2)
    app = _publicize(app, hr, province, expert, approve_on)
    if stage == "objected":
        services.application_object(
            application=app, user=objector, reason="该教师企业实践期间仍在校全职授课，时间存疑。"
        )
    elif stage == "recognized":
        services.application_finalize(application=app, user=province, today=today)


__all__ = ["Recognition", "load_recognition_demo"]

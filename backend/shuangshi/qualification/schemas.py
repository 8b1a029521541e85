"""Response shapes of the ratios API and of a teacher's qualification, for the OpenAPI schema
only (views return dicts)."""

from rest_framework import serializers

from .engine import LEVELS, REASON_CODES


def _page(name: str, item: serializers.Serializer) -> type[serializers.Serializer]:
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": item,
        },
    )


class QualificationLevels(serializers.Serializer):
    junior = serializers.IntegerField()
    intermediate = serializers.IntegerField()
    senior = serializers.IntegerField()


class RecruitmentCounts(serializers.Serializer):
    checked = serializers.IntegerField(help_text="in-scope hires since the cut-off")
    failed = serializers.IntegerField(help_text="of which fail the recruitment check")


class RatioFigures(serializers.Serializer):
    in_scope = serializers.IntegerField()
    qualified = serializers.IntegerField()
    ratio = serializers.FloatField(allow_null=True, help_text="null when nobody is in scope")
    target = serializers.FloatField(help_text="the ratio must be strictly above it")
    gap = serializers.IntegerField(allow_null=True)
    meets_target = serializers.BooleanField()
    # Recognized through rounds (DESIGN §8), beside the computed figures above.
    recognized = serializers.IntegerField()
    recognized_ratio = serializers.FloatField(allow_null=True)
    recognized_gap = serializers.IntegerField(allow_null=True)
    recognized_meets_target = serializers.BooleanField()
    levels = QualificationLevels()
    recruitment = RecruitmentCounts()


class RatioSchoolRef(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    city = serializers.IntegerField()
    city_name = serializers.CharField()
    kind = serializers.CharField()


class Staffing(serializers.Serializer):
    student_count = serializers.IntegerField()
    full_time = serializers.IntegerField()
    part_time = serializers.IntegerField()
    mentors = serializers.IntegerField()
    students_per_teacher = serializers.FloatField(allow_null=True)
    students_per_teacher_norm = serializers.IntegerField()
    students_per_teacher_ok = serializers.BooleanField(allow_null=True)
    part_time_share = serializers.FloatField(allow_null=True)
    part_time_norm = serializers.FloatField()
    part_time_ok = serializers.BooleanField(allow_null=True)


class MentorsByMode(serializers.Serializer):
    teaching = serializers.IntegerField()
    research = serializers.IntegerField()
    project = serializers.IntegerField()


class MentorHeadcount(serializers.Serializer):
    total = serializers.IntegerField()
    by_mode = MentorsByMode()
    part_time_track = serializers.IntegerField(
        help_text="Mentors with 1+ year of teaching appointments, aged 70 or under; "
        "never in the ratio's denominator."
    )


class SchoolRatio(RatioFigures):
    school = RatioSchoolRef()
    staffing = Staffing()
    mentors = MentorHeadcount()
    forecast_below_on = serializers.DateField(
        allow_null=True, help_text="First date within 12 months it stops meeting the target"
    )


class RatioCityRef(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class CityRatio(RatioFigures):
    city = RatioCityRef()


class KindRatio(RatioFigures):
    kind = serializers.CharField()


class SchoolCounts(serializers.Serializer):
    total = serializers.IntegerField()
    meeting_target = serializers.IntegerField()
    without_teachers_in_scope = serializers.IntegerField()


class RatioSummary(serializers.Serializer):
    as_of = serializers.DateField()
    target = serializers.FloatField()
    province = RatioFigures()
    by_city = CityRatio(many=True)
    by_kind = KindRatio(many=True)
    schools = SchoolCounts()


class TrendFigures(serializers.Serializer):
    in_scope = serializers.IntegerField()
    qualified = serializers.IntegerField()
    ratio = serializers.FloatField(allow_null=True)


class TrendPoint(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    in_scope = serializers.IntegerField()
    qualified = serializers.IntegerField()
    ratio = serializers.FloatField(allow_null=True)
    live = serializers.BooleanField(help_text="the current month, computed now")
    stored = serializers.BooleanField(
        help_text="the figures are the month's stored snapshot, for a month the stored dated "
        "results do not cover (false: counted now as of the month's last day, as "
        "ratios/summary?as_of gives it, or the current month, or with `as_of` a past "
        "date's month: counted as of that date)"
    )
    recorded = TrendFigures(
        allow_null=True,
        help_text="what the monthly snapshot job recorded on the 1st (null: no snapshot); "
        "differs from the point when facts entered later, or a new rule profile, changed the "
        "month",
    )


class RatioTrend(serializers.Serializer):
    scope = serializers.ChoiceField(choices=["province", "city", "school"])
    key = serializers.IntegerField()
    points = TrendPoint(many=True)


class MissingItem(serializers.Serializer):
    code = serializers.CharField()
    quantity = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=["days", "hours", "certificate", "years", "title"])
    message = serializers.CharField(help_text="i18n key; fill it with params")
    params = serializers.DictField()
    text = serializers.CharField(help_text="plain English")
    distance = serializers.IntegerField(help_text="estimated days of effort")
    one_of = serializers.BooleanField(help_text="an alternative: any `needed` of these")
    needed = serializers.IntegerField()


class QualificationReason(serializers.Serializer):
    """One rule of DESIGN §4 as engine.Reason.as_dict() writes it."""

    code = serializers.ChoiceField(choices=list(REASON_CODES))
    met = serializers.BooleanField()
    value = serializers.JSONField(allow_null=True, help_text="the teacher's value for the rule")
    threshold = serializers.JSONField(allow_null=True, help_text="what the rule asks")
    message = serializers.CharField(help_text="i18n key; fill it with params")
    params = serializers.DictField(help_text="value, threshold and the note's keys")
    changes_on = serializers.DateField(
        allow_null=True, help_text="the next date the rule's outcome flips by itself"
    )
    note = serializers.CharField(
        allow_null=True, help_text="why it is not met, when the value alone does not say"
    )


class QualificationRecruitment(serializers.Serializer):
    """DESIGN §4's recruitment check and the profile's terms (null where it does not apply)."""

    compliant = serializers.BooleanField()
    since = serializers.DateField()
    enterprise_days = serializers.IntegerField()
    min_education = serializers.CharField()


class QualificationSummary(serializers.Serializer):
    """The verdict a teacher list row carries (qualification.api.qualification_summary)."""

    level = serializers.ChoiceField(choices=list(LEVELS))
    qualified = serializers.BooleanField()
    in_scope = serializers.BooleanField()
    valid_until = serializers.DateField(
        allow_null=True, help_text="the last day the level holds; null: no end known"
    )
    level_after = serializers.ChoiceField(
        choices=list(LEVELS), allow_null=True, help_text="the level from valid_until on"
    )
    evaluated_on = serializers.DateField()


class QualificationResult(QualificationSummary):
    """The result a teacher read carries (qualification.api.qualification_payload): the
    summary, the reasons and what is missing for the next level."""

    reasons = QualificationReason(many=True)
    missing = MissingItem(many=True)
    evidence_needed = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="evidence items asked for junior, and the extra ones intermediate and "
        "senior ask for",
    )
    practice_window_years = serializers.IntegerField()
    recruitment = QualificationRecruitment(allow_null=True)


class Eligibility(serializers.Serializer):
    """An application's §4 result under its round's rule version, on the day it was
    submitted (recognition.selectors.eligibility)."""

    level = serializers.ChoiceField(choices=list(LEVELS))
    qualified = serializers.BooleanField()
    in_scope = serializers.BooleanField()
    reasons = QualificationReason(many=True)
    missing = MissingItem(many=True)
    valid_until = serializers.DateField(allow_null=True)
    rule_version = serializers.IntegerField()
    evaluated_on = serializers.DateField()


class CandidateTeacher(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    staff_no = serializers.CharField()


class Candidate(serializers.Serializer):
    teacher = CandidateTeacher()
    level = serializers.CharField()
    distance = serializers.IntegerField(allow_null=True)
    missing = MissingItem(many=True)


SchoolRatioPage = _page("PaginatedSchoolRatioList", SchoolRatio(many=True))
CandidatePage = _page("PaginatedCandidateList", Candidate(many=True))

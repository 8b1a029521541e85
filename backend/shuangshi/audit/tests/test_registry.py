from auditlog.registry import auditlog
from django.apps import apps

from shuangshi.audit.registry import AUDITED, NOT_AUDITED


def test_every_model_of_the_project_is_audited_or_excused():
    models = {m._meta.label for m in apps.get_models() if m.__module__.startswith("shuangshi.")}
    unclassified = models - AUDITED.keys() - NOT_AUDITED.keys()
    assert sorted(unclassified) == [], "add them to AUDITED (or NOT_AUDITED with a reason)"
    assert sorted((AUDITED.keys() | NOT_AUDITED.keys()) - models) == []


def test_the_audited_models_are_registered_with_auditlog():
    for label in AUDITED:
        assert auditlog.contains(apps.get_model(label)), label


def test_id_numbers_are_masked_wherever_a_model_has_one():
    for label in AUDITED:
        model = apps.get_model(label)
        if any(f.name == "id_number" for f in model._meta.fields):
            assert "id_number" in AUDITED[label].get("mask_fields", []), label

"""Admin pages that write through the record type's service (issue 10: one write path).

A ModelAdmin subclass names its services; saving the form calls them with the changed
fields (validation, versions, audit, dated facts and re-evaluation happen there), and
deleting calls the delete service, one record at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


class ServiceAdmin(admin.ModelAdmin):
    """``create``(data=…) and ``update``(<record>=…, data=…) and ``delete``(<record>=…):
    the record's keyword is ``record_arg`` (e.g. "teacher")."""

    record_arg: str = "instance"
    create: Callable[..., Model]
    update: Callable[..., Model]
    delete: Callable[..., None]
    passes_user: bool = False

    def _user(self, request: HttpRequest) -> dict[str, Any]:
        return {"user": request.user} if self.passes_user else {}

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        model = type(obj)
        fields = {f.name for f in model._meta.concrete_fields}
        if change:
            data = {n: form.cleaned_data[n] for n in form.changed_data if n in fields}
            fresh = model._default_manager.get(pk=obj.pk)
            saved = type(self).update(**{self.record_arg: fresh}, data=data, **self._user(request))
        else:
            data = {n: v for n, v in form.cleaned_data.items() if n in fields}
            saved = type(self).create(data=data, **self._user(request))
        obj.pk = saved.pk
        form.instance = saved

    # A save the service refuses (e.g. a staff number another current teacher of the school
    # holds) shows the form again with the service's errors on its fields, the typed values
    # kept, nothing saved: the view runs once more with a form that adds those errors.

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> Any:
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            if request.method != "POST" or getattr(request, "_service_refusal", None):
                raise
            request._service_refusal = exc  # type: ignore[attr-defined]
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        found: ValidationError | None = getattr(request, "_service_refusal", None)
        if found is None:
            return form
        refusal: ValidationError = found

        class Refused(form):  # type: ignore[misc, valid-type]
            def clean(self) -> Any:
                cleaned = super().clean()
                errors = refusal.message_dict if hasattr(refusal, "error_dict") else {}
                for field, texts in errors.items():
                    self.add_error(field if field in self.fields else None, texts)
                if not errors:
                    self.add_error(None, refusal.messages)
                return cleaned

        return Refused

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        form.save_m2m()  # inlines are read-only: nothing else to save

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        type(self).delete(**{self.record_arg: obj})

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            type(self).delete(**{self.record_arg: obj})

    # A delete the service refuses (e.g. a teacher with training completions) is shown as a
    # message, with nothing deleted, instead of a server error.

    def _refused(self, request: HttpRequest, exc: ValidationError) -> None:
        self.message_user(request, " ".join(exc.messages), messages.ERROR)

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        try:
            with transaction.atomic():
                return super().delete_view(request, object_id, extra_context)
        except ValidationError as exc:
            self._refused(request, exc)
            return HttpResponseRedirect(request.path.rsplit("/delete/", 1)[0] + "/change/")

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions: dict[str, Any] = super().get_actions(request)
        if actions.get("delete_selected"):
            _func, name, description = actions["delete_selected"]
            actions["delete_selected"] = (_delete_selected, name, description)
        return actions


def _delete_selected(
    modeladmin: ServiceAdmin, request: HttpRequest, queryset: QuerySet
) -> HttpResponse | None:
    """Django's action (its confirmation page too), all or nothing: one refused record
    deletes none of them."""
    try:
        with transaction.atomic():
            return delete_selected(modeladmin, request, queryset)
    except ValidationError as exc:
        modeladmin._refused(request, exc)
        return None

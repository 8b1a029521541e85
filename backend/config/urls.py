from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import BasePermission


@ensure_csrf_cookie
def spa(request: HttpRequest, route: str = "") -> HttpResponse:
    """The built React app: index.html for every path the API and admin do not own."""
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        raise Http404("The front end is not built: run `make build`.")
    return HttpResponse(index.read_text(encoding="utf-8"))


class DocsPermission(BasePermission):
    """The schema and Swagger UI: anyone when API_DOCS_PUBLIC, else signed-in users."""

    def has_permission(self, request: HttpRequest, view: object) -> bool:
        return bool(settings.API_DOCS_PUBLIC or request.user.is_authenticated)


docs = {"permission_classes": [DocsPermission]}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("shuangshi.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(**docs), name="schema"),
    # The split view serves its start-up script as a file: no inline script for the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema", **docs), name="docs"),
    re_path(r"^(?!api/|admin/|static/)(?P<route>.*)$", spa, name="spa"),
]

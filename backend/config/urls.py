from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView


@ensure_csrf_cookie
def spa(request: HttpRequest, route: str = "") -> HttpResponse:
    """The built React app: index.html for every path the API and admin do not own."""
    index = settings.FRONTEND_DIST / "index.html"
    if not index.is_file():
        raise Http404("The front end is not built: run `make build`.")
    return HttpResponse(index.read_text(encoding="utf-8"))


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("shuangshi.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    re_path(r"^(?!api/|admin/|static/)(?P<route>.*)$", spa, name="spa"),
]

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Start-up is done: what it built stays out of the cyclic collector's full passes.
from shuangshi.common.collector import freeze_startup  # noqa: E402  (after Django's set-up)

freeze_startup()

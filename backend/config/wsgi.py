import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# What start-up built (modules, models, URL patterns, settings) lives as long as the process:
# out of the cyclic collector's way, so that its full passes scan only what requests made
# (Python's documented use of gc.freeze for pre-fork servers).
gc.collect()
gc.freeze()

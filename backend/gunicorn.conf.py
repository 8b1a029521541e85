"""gunicorn settings read from the working directory (the Docker image runs in backend/).

Logging: gunicorn's own access and error logs go through the same filter as Django's, so an
ID number typed into a search box never reaches the server log. Timeout: long work (imports,
workbooks, exports) runs in the jobs workers, so requests stay short; 60 s leaves room for a
20 MB upload on a slow line (GUNICORN_TIMEOUT overrides).
"""

import os

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_id_numbers": {"()": "shuangshi.audit.logfilters.MaskIdNumbers"}},
    "formatters": {
        "generic": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {  # gunicorn's root logger writes here
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "filters": ["mask_id_numbers"],
            "stream": "ext://sys.stdout",
        },
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "filters": ["mask_id_numbers"],
            "stream": "ext://sys.stderr",
        },
        "access_console": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "filters": ["mask_id_numbers"],
            "stream": "ext://sys.stdout",
        },
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access_console"], "propagate": False},
    },
}

"""Django's database sessions, refusing malformed session keys before they reach SQL.

A forged `sessionid` cookie holding a NUL byte made PostgreSQL raise DataError inside the
session middleware, outside any view: a 500 for every request carrying it. Keys Django
issues are 32 lower-case letters and digits; anything else is treated as no session.
"""

from django.contrib.sessions.backends.db import SessionStore as DbSessionStore


class SessionStore(DbSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return key is not None and key.isascii() and key.isalnum() and len(key) >= 8

"""The web dashboard: HTML pages and a JSON API (``/api/v1/``) over a store and a scenario.

Build it with :func:`create_app`; nothing is created at import time.
"""

from detente.web.app import create_app

__all__ = ["create_app"]

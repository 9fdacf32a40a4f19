"""WSGI entry point (gunicorn astana_site.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "astana_site.settings")

application = get_wsgi_application()

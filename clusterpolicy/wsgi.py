"""WSGI entry point, used by gunicorn (``clusterpolicy.wsgi:application``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterpolicy.settings")

application = get_wsgi_application()

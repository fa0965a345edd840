"""Lets `pytest -p no:django tests/thai` run without the project: a minimal Django setup when neither
pytest-django nor DJANGO_SETTINGS_MODULE configures one."""

import os

import django
from django.conf import settings

if not settings.configured and "DJANGO_SETTINGS_MODULE" not in os.environ:
    settings.configure(USE_TZ=True, TIME_ZONE="Asia/Bangkok", USE_I18N=True, LANGUAGE_CODE="th")
    django.setup()

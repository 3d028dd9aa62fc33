"""Production's URLs plus the bench's ceiling view (bench/settings.py selects this)."""

from django.urls import path

from nanhai.urls import *  # noqa: F403
from nanhai.urls import urlpatterns as site_urlpatterns

from .views import ceiling

urlpatterns = [path("bench/ceiling/", ceiling, name="bench-ceiling"), *site_urlpatterns]

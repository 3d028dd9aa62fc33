"""Settings of the bench's server: production's, with the bench's own URLconf (which adds
the ceiling view). Production never loads this module."""

from nanhai.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

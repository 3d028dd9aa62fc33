"""Settings of the bench's server: production's, with the bench's own URLconf (which adds
the ceiling view). Production never loads this module."""

from nanhai.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The ceiling is a rendered view in every run, the page cache on or off.
PAGE_CACHE_EXCLUDE_PREFIXES = (*PAGE_CACHE_EXCLUDE_PREFIXES, "/bench/")  # noqa: F405

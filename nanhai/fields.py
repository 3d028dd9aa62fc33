# Applied migrations import the field from here; the field lives in core.
from core.fields import SanitizedRichTextField  # noqa: F401

"""Which models keep versions (django-reversion), registered in one way by every app."""

from collections.abc import Sequence

import reversion


def register_versioned(model, *, follow: Sequence[str] = ()) -> None:
    """Keep a version of ``model`` on every admin save, with the rows of its ``follow``
    relations (an article with its credits and gallery; a plan with its tasks). The
    related models are registered too, unless they already are (with their own follows)."""
    for name in follow:
        related = model._meta.get_field(name).related_model
        if not reversion.is_registered(related):
            reversion.register(related)
    if not reversion.is_registered(model):
        reversion.register(model, follow=list(follow))

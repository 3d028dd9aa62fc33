"""Keep the index right on every save and delete of an indexed object.

Signals rather than calls from the content apps: the content apps never import search,
and a signal fires whichever way a row is written (admin, services, shell, demo loaders).
``QuerySet.update()`` and ``bulk_create()`` send no signals; after such bulk writes run
``manage.py rebuild_search_index``.
"""

from django.db import models
from django.db.models.signals import post_delete, post_save

from . import registry
from .indexing import index_objects, remove_objects


def _deleting(origin, model) -> bool:
    """True while ``model`` rows themselves are being deleted (their dependents cascade)."""
    if isinstance(origin, model):
        return True
    return isinstance(origin, models.QuerySet) and origin.model is model


def _connect(indexer: registry.Indexer) -> None:
    kind = indexer.kind

    def saved(sender, instance, **kwargs):
        # Raw saves too: django-reversion restores old versions with raw=True.
        index_objects(kind=kind, ids=[instance.pk])

    def deleted(sender, instance, **kwargs):
        remove_objects(kind=kind, ids=[instance.pk])

    post_save.connect(saved, sender=indexer.model, weak=False, dispatch_uid=f"search:{kind}")
    post_delete.connect(deleted, sender=indexer.model, weak=False, dispatch_uid=f"search:{kind}")

    for number, dependent in enumerate(indexer.dependents):

        def changed(sender, instance, origin=None, dependent=dependent, **kwargs):
            if _deleting(origin, indexer.model):
                return
            index_objects(kind=kind, ids=list(dependent.targets(instance)))

        uid = f"search:{kind}:{number}"
        post_save.connect(changed, sender=dependent.model, weak=False, dispatch_uid=uid)
        post_delete.connect(changed, sender=dependent.model, weak=False, dispatch_uid=uid)


def connect_all() -> None:
    for indexer in registry.indexers():
        _connect(indexer)

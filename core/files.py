"""Files written to the media storage inside a database transaction that rolls back.

A service writes the file first and the row second (the row must name a file that
exists). If the surrounding transaction then rolls back, say the admin's, which saves an
article and all its inlines in one, the row is gone but the file would stay behind. A
service calls :func:`delete_if_rolled_back` after writing; at the end of every request
(``request_finished``) the files whose transaction rolled back are deleted. Files whose
transaction is still open (a test's, a long command's) are left for a later check.
"""

import logging
import threading

from django.db import transaction

logger = logging.getLogger(__name__)
_local = threading.local()


def delete_if_rolled_back(storage, name: str, using: str | None = None) -> None:
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return  # nothing can roll back any more: the row is committed
    state = {"committed": False}

    def committed():
        state["committed"] = True

    transaction.on_commit(committed, using=using)
    _pending().append((connection, committed, state, storage, name))


def delete_rolled_back_files(**kwargs) -> int:
    """Delete the files whose transaction rolled back; return how many. A rolled-back
    transaction (or savepoint) discards its on-commit callbacks: a callback that neither
    ran nor is still waiting tells us the row never existed."""
    deleted, keep = 0, []
    for entry in _pending():
        connection, callback, state, storage, name = entry
        if state["committed"]:
            continue
        if any(func is callback for _sids, func, _robust in connection.run_on_commit):
            keep.append(entry)  # its transaction is still open
            continue
        try:
            storage.delete(name)
            deleted += 1
        except Exception:  # noqa: BLE001 - one missing file must not stop the others
            logger.warning("Could not delete %s from the media storage", name, exc_info=True)
    _local.pending = keep
    return deleted


def _pending() -> list:
    if not hasattr(_local, "pending"):
        _local.pending = []
    return _local.pending

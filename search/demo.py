"""Demo step for search: index everything the other demo loaders wrote.

Runs last in ``load_demo``: some loaders write related rows with ``bulk_create`` (credits,
honours), which sends no signals. Idempotent.
"""

from .indexing import rebuild


def load(stdout=None):
    counts = rebuild()
    if stdout:
        stdout.write(f"搜索索引:共 {sum(counts.values())} 条。")

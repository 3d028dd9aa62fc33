import pytest

from proofread import lists


@pytest.fixture(autouse=True)
def _fresh_matcher():
    """Each test compiles the lists it sees (versions repeat across rolled-back tests)."""
    lists.forget()
    yield
    lists.forget()

"""Lets pytest import docs/conftest.py as ``docs.conftest``, apart from tests/conftest.py."""

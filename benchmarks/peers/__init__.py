"""diplomod's event records rebuilt with pydantic and with msgspec, to measure against.

Both peers keep diplomod's JSON format and enforce the same rules (see ``_common`` for what
they share and the module docstrings for where they cannot follow diplomod exactly).
"""

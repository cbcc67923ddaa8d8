"""Run every code example in the documentation as a test, with Sybil.

- ```python blocks run as Python; a ```python block that starts with ``>>>`` is a doctest.
- ```pycon blocks are doctests.
- ``% skip: next`` (a MyST comment) skips the block after it; ``sh``, ``json``, ``js`` and
  other blocks never run.

The examples of one page share a namespace and run from a fresh temporary directory, so
they can write files such as ``samarkand.json`` without touching the work tree.
"""

from __future__ import annotations

import doctest
import os
import shutil
import tempfile
from collections.abc import Iterable
from typing import Any

from sybil import Document, Region, Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser

# pytest --doctest-modules would import conf.py; it is Sphinx's configuration, not a test.
collect_ignore = ["conf.py"]

OPTIONFLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


class PyconParser:
    """Find the doctest examples in ```pycon blocks."""

    def __init__(self, optionflags: int = 0) -> None:
        self.lexer = FencedCodeBlockLexer("pycon")
        self.string_parser = DocTestStringParser(DocTestEvaluator(optionflags))

    def __call__(self, document: Document) -> Iterable[Region]:
        for lexed in self.lexer(document):
            source = lexed.lexemes["source"]
            for region in self.string_parser(source, document.path):
                region.adjust(lexed, source)
                yield region


def setup(namespace: dict[str, Any]) -> None:
    """Run a page's examples in a temporary directory of their own."""
    namespace["__previous_directory"] = os.getcwd()
    namespace["__directory"] = tempfile.mkdtemp(prefix="diplomod-docs-")
    os.chdir(namespace["__directory"])


def teardown(namespace: dict[str, Any]) -> None:
    """Return to the directory the tests started in and remove the page's files."""
    os.chdir(namespace["__previous_directory"])
    shutil.rmtree(namespace["__directory"], ignore_errors=True)


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=OPTIONFLAGS),
        PyconParser(OPTIONFLAGS),
        SkipParser(),
    ],
    patterns=["*.md"],
    excludes=["_build/*"],
    setup=setup,
    teardown=teardown,
).pytest()

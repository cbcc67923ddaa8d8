"""Sphinx configuration for the diplomod documentation.

Build with ``sphinx-build -W -b html docs OUT`` after ``pip install -e '.[docs]'``.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

import diplomod

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "diplomod"

project = "diplomod"
author = "The diplomod developers"
copyright = "The diplomod developers"
release = metadata.version("diplomod")

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
root_doc = "index"

html_theme = "furo"
html_title = "diplomod"

myst_heading_anchors = 3

# The docstrings are Google style, with an "Attributes:" section for each record's fields.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_attr_annotations = True

# Single back-quotes in docstrings (`PartialDate`) link to the documented object.
default_role = "py:obj"

autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}


def _no_constructor_types(
    app: Sphinx, domain: str, objtype: str, content: addnodes.desc_content
) -> None:
    """Leave out the typed parameter list of a class's constructor.

    The records are attrs classes: their constructor takes exactly the fields, which the
    "Attributes:" section already lists with their types. Without this, each class would
    list every field twice, the second time with its full ``Annotated`` validation rules.
    """
    if domain != "py" or objtype not in {"class", "exception"}:
        return
    signature = content.parent[0] if content.parent is not None else None
    if not isinstance(signature, addnodes.desc_signature) or not signature.get("fullname"):
        return
    module = signature.get("module")
    fullname = f"{module}.{signature['fullname']}" if module else signature["fullname"]
    app.env.current_document.autodoc_annotations.pop(fullname, None)


def _check_coverage(app: Sphinx) -> None:
    """Warn (an error under -W) when a public name, codelist or schema has no page entry."""
    logger = logging.getLogger(__name__)
    source = Path(app.srcdir)
    api = (source / "reference" / "api.md").read_text(encoding="utf-8")
    for name in diplomod.__all__:
        if f"diplomod.{name}\n" not in api:
            logger.warning("reference/api.md does not document diplomod.%s", name)
    pages = {
        "codelists": ("reference/codelists.md", "*.csv"),
        "schemas": ("reference/schemas.md", "*.json"),
    }
    for folder, (page, pattern) in pages.items():
        text = (source / page).read_text(encoding="utf-8")
        for path in sorted((PACKAGE / folder).glob(pattern)):
            if f"src/diplomod/{folder}/{path.name}\n" not in text:
                logger.warning("%s does not include %s/%s", page, folder, path.name)


def setup(app: Sphinx) -> None:
    """Connect the two checks above."""
    app.connect("object-description-transform", _no_constructor_types, priority=400)
    app.connect("builder-inited", _check_coverage)

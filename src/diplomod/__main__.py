"""Run the ``diplomod`` command line: ``python -m diplomod --help``."""

import sys

from diplomod._cli import main

sys.exit(main())

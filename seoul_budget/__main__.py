"""``python -m seoul_budget``: the ``seoul-budget`` command, runnable with any interpreter path."""

import sys

from .cli import main

sys.exit(main())

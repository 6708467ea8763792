"""``python -m kg``: the command line."""

import sys

from kg.cli import main

sys.exit(main())

"""``python -m governance_rules.cli``: the same as the ``govrules`` command."""

from __future__ import annotations

import sys

from governance_rules.cli import main

sys.exit(main())

"""``python -m tthc`` runs the ``tthc`` command."""

import sys

from tthc.cli import main

sys.exit(main())

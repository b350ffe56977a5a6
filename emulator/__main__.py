"""``python -m emulator``: the same CLI as ``instant-mart-emulator``, for an environment whose scripts folder is not on PATH."""
import sys

from emulator.cli import main

sys.exit(main())

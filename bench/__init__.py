"""The emulator's benchmark: ``python -m bench`` (``make bench``) prints one table, every figure
measured in the same run on this machine. See docs/performance.md for the method and results."""

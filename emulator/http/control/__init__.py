"""The control plane at ``/_emulator/...``: the local stand-in for the Open Platform Console.

``plane`` holds what every endpoint shares (the token check, JSON bodies, error answers); the
other modules hold the endpoints, one module per domain, each with a ``routes()``.
"""

"""API domains. Each package has ``install(emulator)`` which attaches its model to the emulator.

The order matters: a domain may seed the world on top of what earlier domains seeded.
"""
DOMAINS = ("auth", "shop", "product", "logistics", "order", "returns", "payment", "discount", "push")

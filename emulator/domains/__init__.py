"""API domains. Each package's model is built and attached by ``Emulator._build_domains``.

The order matters: a domain may seed the world on top of what earlier domains seeded.
"""
DOMAINS = ("auth", "shop", "product", "logistics", "order", "returns", "payment", "discount", "push")

"""Logistics: Instant channels, operating hours, packaging, addresses, shipping documents."""

"""Outlet discounts (v2.discount.*): promotion prices on the clock, read by products and test orders."""

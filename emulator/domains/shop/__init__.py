"""Mart and Outlet shops."""

"""Orders: test orders, the order lifecycle, packages and fulfilment."""
